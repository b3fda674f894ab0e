// Parsers of the plant checks' tool outputs (one per section kind of the collection script).
export { parseChronydQuery } from './chronyd-query';
export { parseCurlHttp } from './curl-http';
export { DIG_TRANSPORT_STATUSES, parseDig } from './dig';
export { parseGetent } from './getent';
export { parsePing } from './ping';
export { parseResolvConf } from './resolv-conf';
export type { WithoutRequestId } from './result';
export { parseSClient } from './s-client';
