export * from "./roles";
export * from "./users";
export * from "./sessions";
export * from "./organizations";
export * from "./projects";
