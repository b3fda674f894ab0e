// Runs an Argo CD resource health check (Lua) the way the Argo CD controller does, in fengari
// (Lua 5.3 in JavaScript), so tests can check what Argo CD will say about a live object.
//
// Mirrors argoproj/argo-cd util/lua/lua.go @ 00101b74db7a (runLua, ExecuteHealthLua, decodeValue):
// - a check from argocd-cm runs without the Lua standard libraries (useOpenLibs is off unless
//   resource.customizations.useOpenLibs.<group_kind> says so; docs/operator-manual/health.md);
//   Argo CD then opens only base and table (plus package and a reduced os, which the Sitekit checks
//   do not use and this runner leaves out, so a check that needs them fails here first). No string
//   library: `s:find(...)` or `string.format` would fail in Argo CD too.
// - the resource is the global `obj`, its JSON decoded into Lua tables: objects become tables
//   keyed by field name, arrays 1-based sequences, numbers Lua numbers, null nil.
// - the script's last return value must be a table; its status and message become the health,
//   and a status that is not one of Argo CD's six becomes Unknown "Lua returned an invalid health
//   status".
import { lauxlib, lua, lualib, to_jsstring, to_luastring, type LuaState } from 'fengari';

export interface HealthStatus {
  status: string;
  message: string;
}

/** The health status codes Argo CD accepts from a script (lua.go isValidHealthStatusCode). */
export const HEALTH_STATUS_CODES = ['Unknown', 'Progressing', 'Suspended', 'Healthy', 'Degraded', 'Missing'] as const;

const INVALID_HEALTH_STATUS = 'Lua returned an invalid health status';

/** Pushes a JSON value onto the Lua stack as Argo CD's decodeValue builds it. */
function pushJson(L: LuaState, value: unknown): void {
  if (!lua.lua_checkstack(L, 3)) throw new Error('Lua stack overflow while decoding obj');
  if (value === null || value === undefined) {
    lua.lua_pushnil(L);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (typeof value === 'number') {
    lua.lua_pushnumber(L, value); // gopher-lua has only float numbers (LNumber)
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, to_luastring(value));
  } else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, i) => {
      pushJson(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      pushJson(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  } else {
    throw new Error(`cannot pass a ${typeof value} to Lua`);
  }
}

/** A string field of the result table; Argo CD fails to unmarshal anything else but nil. */
function stringField(L: LuaState, name: 'status' | 'message'): string {
  lua.lua_getfield(L, -1, to_luastring(name));
  try {
    const type = lua.lua_type(L, -1);
    if (type === lua.LUA_TNIL) return '';
    if (type !== lua.LUA_TSTRING) throw new Error(`health ${name} is a ${to_jsstring(lauxlib.luaL_typename(L, -1))}, not a string`);
    return lua.lua_tojsstring(L, -1) ?? '';
  } finally {
    lua.lua_pop(L, 1);
  }
}

/** The health Argo CD reports for `obj` with this health check; throws where Argo CD errors. */
export function runHealthCheck(script: string, obj: unknown): HealthStatus {
  const L = lauxlib.luaL_newstate();
  try {
    for (const [name, open] of [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
    ] as const) {
      lauxlib.luaL_requiref(L, to_luastring(name), open, true);
      lua.lua_pop(L, 1);
    }
    pushJson(L, obj);
    lua.lua_setglobal(L, to_luastring('obj'));

    if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK || lua.lua_pcall(L, 0, lua.LUA_MULTRET, 0) !== lua.LUA_OK) {
      throw new Error(`Lua error: ${lua.lua_tojsstring(L, -1) ?? '(no message)'}`);
    }
    if (lua.lua_gettop(L) === 0 || lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
      const got = lua.lua_gettop(L) === 0 ? 'nil' : to_jsstring(lauxlib.luaL_typename(L, -1));
      throw new Error(`expect table output from Lua script, not ${got}`);
    }
    const status = stringField(L, 'status');
    const message = stringField(L, 'message');
    if (!(HEALTH_STATUS_CODES as readonly string[]).includes(status)) return { status: 'Unknown', message: INVALID_HEALTH_STATUS };
    return { status, message };
  } finally {
    lua.lua_close(L);
  }
}
