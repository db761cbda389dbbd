export { additiveUniformMI } from "./closedform/additiveUniformMI";
export { denseEquicorrelatedMI, sparsePairsMI } from "./closedform/canonicalCorrelationMI";
export { buildCovariance } from "./closedform/covariance";
export { linearGaussianChannelMI } from "./closedform/linearGaussianTask";
export {
  standardStudentTEntropy,
  studentTCorrection,
  studentTMutualInformation,
} from "./closedform/studentTMutualInformation";
export { halfCube, wigglyX, wigglyY } from "./closedform/transforms";
export { createTask } from "./createTask";
export { DataNotFoundError, InvalidInputError, TasksError, TruthUnavailableError } from "./errors";
export type * from "./interface";
export { gaussianMutualInformation } from "./linalg/gaussianMutualInformation";
export { listTaskFamilies, type TaskFamilyInfo } from "./listTaskFamilies";
export { parseTaskSpec } from "./spec/parseTaskSpec";
export { canonicalJson, taskId } from "./spec/taskId";
export {
  type ResolvedTaskSpec,
  type TaskSpec,
  type TeacherSpec,
  type TeacherSpecInput,
  taskSpecSchema,
} from "./spec/taskSpec";
export { defaultSztPath, loadSztDataset, resolveSztPath } from "./szt/loadSztDataset";
export { exactLinearGaussian } from "./teacher/exactLinearGaussian";
export {
  type FiniteSizeGapOptions,
  type FiniteSizeGapRow,
  linearGaussianFiniteSizeGap,
} from "./teacher/linearGaussianFiniteSizeGap";
export { teacherNetwork } from "./teacher/teacherNetwork";
