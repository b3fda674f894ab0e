// What kube-apiserver's registry does to an object on every write, for the few kinds where
// clients can see it: a Secret's write-only `stringData` is merged into `data` (base64) and
// dropped, its `type` defaults to Opaque (pkg/apis/core/v1 conversion and defaults.go
// SetDefaults_Secret); a Namespace gets the `kubernetes` finalizer and phase Active
// (pkg/registry/core/namespace/strategy.go PrepareForCreate). No other defaulting is done.

import { isObject, type JsonObject } from './fieldset.js';
import type { KindDef } from './kinds.js';

export function normalizeForStorage(def: KindDef, object: JsonObject): JsonObject {
  if (def.group !== '') return object;
  if (def.kind === 'Secret') {
    const out = structuredClone(object);
    if (isObject(out.stringData)) {
      const data = isObject(out.data) ? out.data : {};
      for (const [key, value] of Object.entries(out.stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
      out.data = data;
    }
    delete out.stringData;
    if (out.type === undefined) out.type = 'Opaque';
    return out;
  }
  if (def.kind === 'Namespace') {
    const out = structuredClone(object);
    const spec = isObject(out.spec) ? out.spec : (out.spec = {});
    if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
    const status = isObject(out.status) ? out.status : (out.status = {});
    if (status.phase === undefined) status.phase = 'Active';
    return out;
  }
  return object;
}
