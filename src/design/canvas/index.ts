// Public entry of canvas editing: create, edit, rename, delete and duplicate namespaces, workloads
// and Services as pure actions on the manifest set, with the field rules the forms check.
export {
  formatLabels, formatPorts, nameProblems, parseLabels, parsePorts, parseServicePorts, type ContainerPortSpec, type NameRule, type Parsed, type ServicePortText,
} from './fields.ts';
export {
  addNamespace, addService, addWorkload, CREATABLE_KINDS, namespaceNames, setNamespaceLabels, setWorkloadLabels, setWorkloadPorts,
  setWorkloadReplicas, workloadFields, type CreatableKind, type NewWorkload, type ServicePortSpec, type WorkloadRef,
} from './objects.ts';
export { flowsNaming, namespaceLabels, referencesOf, type CanvasTarget, type Reference } from './references.ts';
export { deleteService, deleteTarget, duplicateWorkload, renameNamespace, renameWorkload } from './structure.ts';
