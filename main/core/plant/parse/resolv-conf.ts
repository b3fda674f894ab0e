// `cat /etc/resolv.conf` → the node's own resolvers, in the order the resolver tries them.
import { textLines } from './result';

export function parseResolvConf(text: string): string[] {
  const servers: string[] = [];
  for (const line of textLines(text)) {
    // Comments start with # or ; (resolv.conf(5)); a keyword must start the line.
    const match = /^nameserver\s+([^\s#;]+)/.exec(line.trim());
    if (match && !servers.includes(match[1]!)) servers.push(match[1]!);
  }
  return servers;
}
