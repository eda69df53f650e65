// The graphs of the models the lessons' diagrams draw, computed at build time (src/integrations/architecture-graphs.ts).
declare module 'virtual:cv-course/architecture-graphs' {
  const graphs: Record<string, import('../../runtime/protocol/index.ts').ArchGraph>;
  export default graphs;
}

// The explorer's first model (EXPLORER_FIRST), for the island's script: the page draws it at build time.
declare module 'virtual:cv-course/explorer-first' {
  const graph: import('../../runtime/protocol/index.ts').ArchGraph;
  export default graph;
}
