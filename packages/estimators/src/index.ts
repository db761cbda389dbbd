export type * from "./interface";
