// `host`, `host:port` or `[v6]:port` (the agent API address as the contract and the CLI take it)
// split the way the agent API client wants it: the port apart, 8090 when not given.

export function agentTarget(address: string): { address: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (v6) return { address: v6[1]!, ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const hostPort = /^([^:]+):(\d+)$/.exec(address);
  if (hostPort) return { address: hostPort[1]!, port: Number(hostPort[2]) };
  return { address };
}
