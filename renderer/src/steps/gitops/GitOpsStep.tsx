// Step 7, GitOps: where the site bundle goes (repository, branch, folder), how Argo CD reads
// it (Git server CA, read-only credentials), which add-ons it carries, and what OpenShift
// GitOps (Argo CD) will do with it after the install.
import { Checkbox, Content, FormGroup } from '@patternfly/react-core';
import { useId } from 'react';
import { ADDONS } from '../../../../main/core/site/vocabulary';
import { siteBranch, sitePath } from '../../../../main/core/site/model';
import { FieldFindings, TextField, useFindings, usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { useInputRef } from '../../wizard/fields';
import { FormCard, GroupFindings, Pair } from '../site/SiteStep';
import { RepositoryAccess, type RepositoryAccessProps } from './RepositoryAccess';
import '../steps.css';

type Addon = (typeof ADDONS)[number];

/** What each add-on installs, in one line (see main/core/generate/gitops). */
export const ADDON_INFO: Record<Addon, { label: string; about: string }> = {
  'hosted-control-planes': {
    label: 'Hosted control planes',
    about:
      'Installs the multicluster engine with HyperShift, so this site can run the control planes of further small OpenShift clusters as VMs; also allows wildcard routes for their ingress and makes the ODF block storage the default storage class.',
  },
};

/** The Applications of the app-of-apps, in the order they sync (mirrors componentsOf in core). */
function componentsOf(data: unknown): Array<{ name: string; about: string }> {
  const at = (path: string[]) => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const odf = at(['odf', 'enabled']) === true;
  const cnv = at(['virtualization', 'enabled']) === true;
  const addons = at(['gitops', 'addons']);
  const hcp = Array.isArray(addons) && addons.includes('hosted-control-planes');
  const operators = ['NMState', ...(odf ? ['Local Storage', 'ODF'] : []), ...(cnv ? ['OpenShift Virtualization'] : []), ...(hcp ? ['multicluster engine'] : [])];
  const mirrored = at(['cluster', 'mirror']) !== undefined;
  const list = [
    {
      name: 'operators',
      about: `the operators this site uses (${operators.join(', ')})${mirrored ? ', from the mirror registry' : ''}`,
    },
    { name: 'nmstate', about: 'node network policies: storage VLAN, VM bridges' },
  ];
  if (odf) {
    list.push({ name: 'local-storage', about: 'the data disks handed to ODF' }, { name: 'odf', about: 'the storage cluster' });
  }
  if (cnv) list.push({ name: 'virtualization', about: 'HyperConverged and the VM networks' });
  if (hcp) {
    list.push({ name: 'hosted-control-planes', about: 'multicluster engine' });
  }
  return list;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function GitOpsStep({ api, sitePath: siteFile, dirty }: RepositoryAccessProps = {}) {
  const site = useSite((s) => s.doc?.site);
  const data = useSite((s) => s.doc?.data);
  const name = text(usePlanValue('/metadata/name')) ?? '<site>';
  const branch = site ? siteBranch(site) : (text(usePlanValue('/gitops/branch')) ?? `site/${name}`);
  const folder = site ? sitePath(site) : (text(usePlanValue('/gitops/path')) ?? `sites/${name}`);
  const components = componentsOf(data);

  return (
    <div className="sk-form-step" data-testid="step-gitops">
      <FormCard
        title="Repository"
        about="Sitekit commits the site bundle (plan, discovered hardware, checks, manifests) to its own branch of the sites repository. The branch arrives as a merge request; after the install, OpenShift GitOps on the cluster follows it."
        testId="gitops-repo"
      >
        <GroupFindings path="/gitops" />
        <TextField
          path="/gitops/repoURL"
          label="Repository URL"
          isRequired
          placeholder="e.g. https://git.example.com/acp/sites.git"
          hint="HTTPS address of the sites repository (the token for pushing is asked for when exporting)."
        />
        <Pair>
          <TextField
            path="/gitops/branch"
            label="Branch"
            monospace
            placeholder={`e.g. site/${name}`}
            hint={
              <>
                Leave empty for <code>site/{name}</code>.
              </>
            }
          />
          <TextField
            path="/gitops/path"
            label="Folder in the repository"
            monospace
            placeholder={`e.g. sites/${name}`}
            hint={
              <>
                Leave empty for <code>sites/{name}</code>.
              </>
            }
          />
        </Pair>
        <Content component="p" data-testid="gitops-target">
          The bundle goes to <code data-testid="gitops-branch">{branch}</code>, folder <code data-testid="gitops-path">{folder}/</code>.
        </Content>
      </FormCard>

      <RepositoryAccess api={api} sitePath={siteFile} dirty={dirty} />

      <AddonsCard />

      <FormCard
        title="What the cluster will do with it"
        about="The bundle holds an app-of-apps for OpenShift GitOps (Argo CD): one root Application you apply once by hand (gitops/bootstrap), which creates one Application per component. They sync in waves: operators first, then what the operators manage."
        testId="gitops-apps"
      >
        <ol className="sk-waves" data-testid="gitops-components">
          {components.map((c) => (
            <li key={c.name}>
              <code>{c.name}</code> <span className="sk-muted">— {c.about}</span>
            </li>
          ))}
        </ol>
        <Content component="p" className="sk-muted">
          Argo CD repairs drift but never deletes on its own: removing a file from Git does not remove a storage cluster or an
          operator; a person does that on purpose.
        </Content>
      </FormCard>
    </div>
  );
}

function AddonsCard() {
  const { store } = useWizard();
  const raw = usePlanValue('/gitops/addons');
  const chosen = Array.isArray(raw) ? raw.map(String) : [];
  const findings = useFindings('/gitops/addons', true);
  const groupRef = useInputRef('/gitops/addons');
  const groupId = useId();
  const unknown = chosen.filter((a) => !(ADDONS as readonly string[]).includes(a));

  const toggle = (addon: string, on: boolean) => {
    const next = [...ADDONS.filter((a) => (a === addon ? on : chosen.includes(a))), ...unknown.filter((a) => a !== addon || on)];
    void store.getState().edit([{ path: '/gitops/addons', value: next }]);
  };

  return (
    <FormCard
      title="Add-ons"
      about="Optional parts beyond the reference architecture. Each one adds its own Application to the bundle."
      testId="gitops-addons"
    >
      <FormGroup role="group" fieldId={groupId} label="Install with this site" isStack>
        <div ref={groupRef} id={groupId} data-path="/gitops/addons" className="sk-checklist">
          {ADDONS.map((addon) => (
            <AddonBox key={addon} addon={addon} label={ADDON_INFO[addon].label} about={ADDON_INFO[addon].about} index={chosen.indexOf(addon)} onChange={toggle} />
          ))}
          {unknown.map((addon) => (
            <AddonBox key={`unknown-${addon}`} addon={addon} label={addon} about="Not an add-on Sitekit knows; untick it." index={chosen.indexOf(addon)} onChange={toggle} />
          ))}
        </div>
        <FieldFindings findings={findings} />
      </FormGroup>
    </FormCard>
  );
}

function AddonBox({
  addon,
  label,
  about,
  index,
  onChange,
}: {
  addon: string;
  label: string;
  about: string;
  index: number;
  onChange: (addon: string, on: boolean) => void;
}) {
  const id = useId();
  const listed = index >= 0;
  const path = `/gitops/addons/${listed ? index : '-'}`;
  const ref = useInputRef(path);
  return (
    <div className="sk-checklist__item" ref={listed ? ref : undefined}>
      <Checkbox
        id={id}
        label={label}
        description={about}
        isChecked={listed}
        data-path={listed ? path : undefined}
        data-addon={addon}
        onChange={(_e, on) => onChange(addon, on)}
      />
    </div>
  );
}
