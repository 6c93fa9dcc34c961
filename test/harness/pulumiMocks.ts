/**
 * The mock runtime lives with the offline preview (stacks/engine/mockRuntime.ts), which runs the
 * environment program under it; tests use the same one.
 */
export * from "../../stacks/engine/mockRuntime";
