// PatternFly's CommonJS build (what Node loads from node_modules) requires its .css files,
// which Node cannot parse. For rendering to HTML in tests the styles do not matter, so a
// required .css file becomes an empty module. Import this before anything from PatternFly.
// (The tidier fix is `test.server.deps.inline: [/@patternfly\//]` in vitest.config.ts.)
type CjsLoader = (module: { exports: unknown }, filename: string) => void;
const proc = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }).process;
const Module = proc.getBuiltinModule('node:module') as { _extensions: Record<string, CjsLoader> };
Module._extensions['.css'] ??= (module) => {
  module.exports = {};
};
export {};
