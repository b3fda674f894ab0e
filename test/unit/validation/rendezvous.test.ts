import { ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'rendezvous.address-missing',
    severity: 'error',
    path: '/nodes/0/addresses',
    name: 'first node without a cluster address',
    change: (s) => void delete s.nodes[0]!.addresses.cluster,
    message: /acp-1, the first node/,
  },
]);
