// The graphs of the models the lessons' diagrams draw, computed at build time (src/integrations/architecture-graphs.ts).
declare module 'virtual:cv-course/architecture-graphs' {
  const graphs: Record<string, import('../../runtime/protocol/index.ts').ArchGraph>;
  export default graphs;
}
