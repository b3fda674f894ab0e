// The part of fengari 0.1.5 (a Lua 5.3 VM in JavaScript, no bundled types) the Argo CD health
// check tests use: test/helpers/argocd-health-lua.ts. Strings cross the boundary as Lua strings
// (Uint8Array, to_luastring/to_jsstring), as in fengari's README.
declare module 'fengari' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export type LuaCFunction = (L: LuaState) => number;

  export function to_luastring(s: string): LuaString;
  export function to_jsstring(s: LuaString): string;

  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_MULTRET: number;
    readonly LUA_TNIL: number;
    readonly LUA_TSTRING: number;
    readonly LUA_TTABLE: number;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_close(L: LuaState): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_getfield(L: LuaState, idx: number, k: LuaString): number;
    lua_gettop(L: LuaState): number;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_pop(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: LuaString): LuaString;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_setfield(L: LuaState, idx: number, k: LuaString): void;
    lua_setglobal(L: LuaState, name: LuaString): void;
    lua_tojsstring(L: LuaState, idx: number): string | null;
    lua_type(L: LuaState, idx: number): number;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadstring(L: LuaState, s: LuaString): number;
    luaL_requiref(L: LuaState, modname: LuaString, openf: LuaCFunction, glb: boolean): void;
    luaL_typename(L: LuaState, idx: number): LuaString;
  };

  export const lualib: {
    luaopen_base: LuaCFunction;
    luaopen_table: LuaCFunction;
  };
}
