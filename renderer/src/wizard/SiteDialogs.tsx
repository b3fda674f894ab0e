// The page's own open / save-as / new-site dialogs, for browser mode (the desktop app uses
// native dialogs through `site.choose` and only falls back to these).
import { useStore } from 'zustand';
import type { SiteStore } from '../store/site-store';
import { PathModal, dirname } from './PathModal';

export function SiteDialogs({ store }: { store: SiteStore }) {
  const { dialog, recent, path, readOnly, phase, error, doc, lastSite, info } = useStore(store);
  if (!dialog) return null;
  const close = () => store.getState().closeDialog();
  const busy = phase === 'opening' || phase === 'saving';
  const name = (doc?.site ?? lastSite)?.metadata.name ?? 'site';
  // Sites usually sit side by side: suggest a sibling folder of the last one used, else the
  // host's sites folder (~/acp-sites), so a newcomer never has to invent a path.
  const sitesDir = recent[0] ? dirname(dirname(recent[0])) : (info?.sitesDir ?? '');

  if (dialog === 'open') {
    return (
      <PathModal
        title="Open a site file"
        description="Type the full path of the site.yaml on this computer."
        fields={[{ key: 'path', label: 'Site file', initial: recent[0] ?? '', placeholder: 'e.g. /home/technician/sites/plant-a/site.yaml' }]}
        submitLabel="Open"
        busy={busy}
        error={error}
        onSubmit={(v) => void store.getState().open(v.path!)}
        onCancel={close}
      />
    );
  }
  if (dialog === 'save-as') {
    const initial = path && !readOnly ? path : sitesDir ? `${sitesDir}/${name}/site.yaml` : '';
    return (
      <PathModal
        title={readOnly ? 'Save a copy of the example' : 'Save the plan as'}
        description="The full path of a .yaml file on this computer. A missing folder is created. An existing file is replaced."
        fields={[{ key: 'path', label: 'Save as', initial, placeholder: `e.g. /home/technician/sites/${name}/site.yaml` }]}
        submitLabel="Save"
        busy={busy}
        error={error}
        onSubmit={(v) => void store.getState().saveAs(v.path!)}
        onCancel={close}
      />
    );
  }
  return (
    <PathModal
      title="Start a new site"
      description="Sitekit writes site.yaml in the folder, filled from the reference example. Change what differs at your site, step by step."
      fields={[
        { key: 'name', label: 'Site name', initial: '', placeholder: 'e.g. plant-c', hint: 'Lower-case letters, digits and hyphens.', monospace: false },
        { key: 'dir', label: 'Folder', initial: sitesDir ? `${sitesDir}/` : '', placeholder: 'e.g. /home/technician/sites/plant-c' },
      ]}
      submitLabel="Create site"
      busy={busy}
      error={error}
      onSubmit={(v) => void store.getState().newSite(v.dir!, v.name!)}
      onCancel={close}
    />
  );
}
