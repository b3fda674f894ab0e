// Offline checks of Kubernetes objects: CRD schemas (resources/crds), core metadata, and the
// CNI configs inside NetworkAttachmentDefinitions.
export { checkCniConfig, CNI_TYPES, CNI_VERSIONS, type CniContext } from './cni';
export { gvkOf, schemaFile, strictSchema, type Gvk } from './schemas';
export { pruneNulls, validateObject, type ObjectError, type ObjectValidation, type ValidateOptions } from './validate';
