// The single definition of site.yaml. The TypeScript types, runtime validation and the
// JSON Schema in resources/schemas/ all come from these zod objects. Every object is
// strict: an unknown key (a typo such as `hostPrefx`) is an error, never silently dropped.
// There are deliberately no zod defaults: a default would be written back into a
// hand-edited file on save. Effective values (MTU 1500, merged layout) come from model.ts.
import { z } from 'zod';
import { ADDONS, BOND_MODES, FAILURE_DOMAINS, NETWORK_ROLES, VM_ATTACHMENTS } from './vocabulary';

export { ADDONS, BOND_MODES, FAILURE_DOMAINS, NETWORK_ROLES, VM_ATTACHMENTS };
import {
  cidr,
  devicePath,
  dnsLabel,
  dnsName,
  interfaceName,
  ipAddress,
  macAddress,
  mtu,
  secretRef,
  vlanId,
} from './primitives';

export const SITE_API_VERSION = 'sitekit.acp.io/v1alpha1';
export const SITE_KIND = 'Site';

const text = z.string().min(1);

export const contactSchema = z.strictObject({
  name: text.optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export const metadataSchema = z.strictObject({
  name: dnsLabel.meta({ description: 'Site name; also names the Git branch site/<name>.' }),
  location: text.optional().meta({ description: 'Where the site is, in words a person can find.' }),
  contact: contactSchema.optional(),
  description: z.string().optional(),
});

export const proxySchema = z.strictObject({
  httpProxy: z.string().optional(),
  httpsProxy: z.string().optional(),
  noProxy: z.array(z.string()).optional(),
});

export const imageMirrorSchema = z.strictObject({
  source: z.string().min(1).meta({ description: 'Registry or repository the images are named by, e.g. registry.redhat.io/odf4.' }),
  mirrors: z.array(z.string().min(1)).min(1).meta({ description: 'Where the mirror registry holds them, e.g. mirror.plant-a.local:8443/odf4.' }),
});

export const mirrorCatalogSchema = z.strictObject({
  name: dnsLabel.meta({ description: 'CatalogSource name oc-mirror chose, e.g. cs-redhat-operator-index-v4-18.' }),
  image: z.string().min(1).meta({ description: 'Catalog image in the mirror registry.' }),
});

export const ocMirrorResultSchema = z
  .strictObject({
    catalogs: z.array(mirrorCatalogSchema).optional(),
    digestMirrors: z.array(imageMirrorSchema).optional(),
    tagMirrors: z.array(imageMirrorSchema).optional(),
  })
  .meta({
    description:
      "What oc-mirror wrote into its cluster-resources folder (sitekit import-mirror reads it): the bundle uses these names and paths instead of Sitekit's guess.",
  });

export const mirrorSchema = z
  .strictObject({
    registry: z.string().meta({ description: 'Mirror registry as host[:port], e.g. mirror.plant-a.local:8443.' }),
    caBundle: z
      .string()
      .optional()
      .meta({ description: 'PEM certificate(s) of the CA that signed the mirror registry certificate (public, not a secret).' }),
    ocMirror: ocMirrorResultSchema.optional(),
  })
  .meta({ description: 'Mirror registry for a disconnected site.' });

export const clusterNetworkSchema = z.strictObject({
  cidr,
  hostPrefix: z.int().meta({ description: 'Size of the pod subnet each node gets, e.g. 23.' }),
});

export const clusterSchema = z.strictObject({
  name: dnsLabel.meta({ description: 'Cluster name; API at api.<name>.<baseDomain>.' }),
  baseDomain: dnsName,
  openshiftVersion: z
    .string()
    .regex(/^4\.\d{1,2}(\.\d{1,3})?$/, { message: 'must be an OpenShift 4 version such as 4.18 or 4.18.12' }),
  apiVIPs: z.array(ipAddress).min(1).max(2),
  ingressVIPs: z.array(ipAddress).min(1).max(2),
  clusterNetwork: clusterNetworkSchema,
  serviceNetwork: cidr,
  dnsServers: z.array(z.string()).min(1),
  ntpServers: z.array(z.string()).min(1),
  proxy: proxySchema.optional(),
  mirror: mirrorSchema.optional(),
  sshPublicKey: z.string().meta({ description: 'Public key for the core user on every node (one line of authorized_keys).' }),
  fips: z.boolean().optional(),
  pullSecret: secretRef,
});


export const networkSchema = z.strictObject({
  name: dnsLabel.meta({ description: 'Logical network name, referenced by uplinks and node addresses.' }),
  role: z.enum(NETWORK_ROLES),
  vlan: vlanId.meta({ description: 'VLAN ID 1–4094, or "untagged".' }),
  subnet: cidr,
  gateway: ipAddress.optional(),
  mtu: mtu.optional(),
  description: z.string().optional(),
  attachment: z.enum(VM_ATTACHMENTS).optional().meta({
    description:
      'VM networks only: linux-bridge (a bridge on a NIC or bond of its own) or localnet (OVN localnet on br-ex, for a device shared with the cluster network). When not given: localnet if the device also carries the cluster network, else linux-bridge.',
  }),
});


export const bondSchema = z.strictObject({
  name: interfaceName,
  mode: z.enum(BOND_MODES),
  members: z.array(interfaceName),
});

export const uplinkSchema = z
  .strictObject({
    device: interfaceName.meta({ description: 'A NIC or bond of the layout.' }),
    networks: z.array(dnsLabel).min(1).meta({ description: 'Names of the networks carried on this device.' }),
    bridge: interfaceName
      .optional()
      .meta({ description: 'Linux bridge on this device that carries its VM networks (e.g. br-vm).' }),
  })
  .meta({ description: 'Which NIC or bond carries which networks.' });

export const rootDeviceHintSchema = z
  .strictObject({
    deviceName: devicePath.optional(),
    serialNumber: z.string().min(1).optional(),
    wwn: z.string().min(1).optional(),
    hctl: z.string().regex(/^\d+:\d+:\d+:\d+$/).optional(),
    model: z.string().min(1).optional(),
    vendor: z.string().min(1).optional(),
    minSizeGigabytes: z.int().min(0).optional(),
    rotational: z.boolean().optional(),
  })
  .meta({ description: 'Installer root device hints; every hint given must match. Prefer by-path, serial or WWN.' });

export const diskSelectionSchema = z.strictObject({
  boot: rootDeviceHintSchema.optional().meta({ description: 'The disk the OS is installed on.' }),
  odf: z
    .array(devicePath)
    .optional()
    .meta({ description: 'Devices given to ODF through the Local Storage Operator, by stable path.' }),
});

export const nodeDiskSelectionSchema = diskSelectionSchema
  .extend({
    wipe: z.array(devicePath).optional().meta({
      description:
        "ODF devices of this node that hold data (partitions, file systems, LVM) you agree to destroy: the bundle wipes exactly these (LocalVolume forceWipeDevicesAndDestroyAllData). Discovery shows what is on them.",
    }),
  })
  .meta({ description: "This node's disks: replaces the layout's boot or ODF selection, and lists the ODF devices to wipe." });

export const layoutSchema = z
  .strictObject({
    interfaces: z.array(interfaceName).meta({ description: 'Physical NICs by name, as the live image sees them.' }),
    bonds: z.array(bondSchema).optional(),
    uplinks: z.array(uplinkSchema),
    disks: diskSelectionSchema.optional(),
  })
  .meta({ description: 'Hardware layout shared by the three nodes.' });

export const layoutOverrideSchema = z
  .strictObject({
    interfaces: layoutSchema.shape.interfaces.optional(),
    bonds: layoutSchema.shape.bonds,
    uplinks: layoutSchema.shape.uplinks.optional(),
  })
  .meta({ description: 'Replaces the named parts of the shared layout for this node only.' });

export const nodeInterfaceSchema = z.strictObject({
  name: interfaceName,
  mac: macAddress,
  switch: z.string().min(1).optional().meta({ description: 'Expected switch (LLDP system name) at the other end.' }),
  port: z.string().min(1).optional().meta({ description: 'Expected switch port (LLDP port id or description).' }),
});

export const sshEndpointSchema = z.strictObject({
  host: z.string().min(1).meta({ description: 'Address of the node in the live/discovery image.' }),
  port: z.int().min(1).max(65535).optional(),
  user: z.string().min(1).optional(),
});

export const bmcSchema = z.strictObject({
  address: z.string().min(1).meta({ description: 'BMC address: an IP, or a redfish://, idrac-virtualmedia://, ipmi:// URL.' }),
  credentials: secretRef.optional(),
});

export const nodeSchema = z.strictObject({
  hostname: z.string().meta({ description: 'Node host name (a DNS label).' }),
  role: z.literal('control-plane-worker').optional().meta({
    description: 'Every node of a compact cluster is control plane and worker; the only allowed value.',
  }),
  ssh: sshEndpointSchema.optional(),
  bmc: bmcSchema.optional(),
  rack: z.string().min(1).optional(),
  zone: z.string().min(1).optional(),
  interfaces: z.array(nodeInterfaceSchema),
  addresses: z
    .record(z.string(), ipAddress)
    .meta({ description: 'IP address of this node on each network, by network name.' }),
  disks: nodeDiskSelectionSchema.optional(),
  layout: layoutOverrideSchema.optional(),
});


export const odfSchema = z.strictObject({
  enabled: z.boolean(),
  failureDomain: z.enum(FAILURE_DOMAINS).optional(),
  replica: z.int().optional().meta({ description: 'Replica count; ODF in a three-node site needs 3.' }),
  storageNetwork: dnsLabel.optional().meta({ description: 'Network (role storage) carrying ODF replication traffic.' }),
  deviceClass: z.enum(['ssd', 'hdd', 'nvme']).optional(),
});

export const virtualizationSchema = z.strictObject({
  enabled: z.boolean(),
  vmNetworks: z
    .array(dnsLabel)
    .optional()
    .meta({ description: 'Networks (role vm) offered to VMs; each becomes a NetworkAttachmentDefinition.' }),
});


export const gitopsSchema = z.strictObject({
  repoURL: z.string().meta({ description: 'HTTPS URL of the sites repository.' }),
  branch: z.string().min(1).optional().meta({ description: 'Branch for the site; site/<name> when not given.' }),
  path: z.string().min(1).optional().meta({ description: 'Folder of the site in the repository; sites/<name> when not given.' }),
  addons: z.array(z.enum(ADDONS)).optional(),
  caBundle: z.string().optional().meta({
    description: "PEM certificate(s) of the CA that signed the Git server's certificate (public, not a secret); Argo CD trusts it for this server.",
  }),
  credentials: z
    .strictObject({
      username: z.string().min(1).meta({ description: 'User name Argo CD reads the repository with (a read-only account or token name).' }),
      password: secretRef.meta({ description: 'Password or read-only token, in the Sitekit secret store.' }),
    })
    .optional()
    .meta({ description: 'How Argo CD logs in to a private Git server; the password never leaves the secret store except into the local-only secrets folder.' }),
});

export const siteSchema = z
  .strictObject({
    apiVersion: z.literal(SITE_API_VERSION),
    kind: z.literal(SITE_KIND),
    metadata: metadataSchema,
    cluster: clusterSchema,
    networks: z.array(networkSchema).min(1),
    layout: layoutSchema,
    nodes: z.array(nodeSchema),
    odf: odfSchema,
    virtualization: virtualizationSchema,
    gitops: gitopsSchema.optional(),
  })
  .meta({
    title: 'ACP Sitekit site',
    description: 'One three-node ACP site: the plan Sitekit validates, probes against and generates from.',
  });

export type Site = z.output<typeof siteSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type Network = Site['networks'][number];
export type NetworkRole = Network['role'];
export type Layout = Site['layout'];
export type Bond = NonNullable<Layout['bonds']>[number];
export type Uplink = Layout['uplinks'][number];
export type SiteNode = Site['nodes'][number];
export type NodeInterface = SiteNode['interfaces'][number];
export type RootDeviceHint = z.output<typeof rootDeviceHintSchema>;
export type DiskSelection = z.output<typeof diskSelectionSchema>;
export type NodeDiskSelection = z.output<typeof nodeDiskSelectionSchema>;
export type ImageMirror = z.output<typeof imageMirrorSchema>;
export type OcMirrorResult = z.output<typeof ocMirrorResultSchema>;
