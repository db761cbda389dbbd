/**
 * `createTask(spec)`: validate a task spec (one-line errors naming the field) and build the task.
 * The task's `id` is derived from the resolved spec (stable across runs and machines) and `params`
 * echoes it with defaults filled in.
 */
import { additiveUniformTask } from "./closedform/additiveUniformTask";
import { linearGaussianTask } from "./closedform/linearGaussianTask";
import { multinormalTask } from "./closedform/multinormalTask";
import { studentTTask } from "./closedform/studentTTask";
import type { Task, TeacherTask } from "./interface";
import { parseTaskSpec } from "./spec/parseTaskSpec";
import { taskId } from "./spec/taskId";
import type { TaskSpec } from "./spec/taskSpec";
import { teacherTaskFromSpec } from "./teacher/teacherNetwork";

export function createTask(spec: TaskSpec & { family: "teacher" }): TeacherTask;
export function createTask(spec: TaskSpec | unknown): Task;
export function createTask(spec: unknown): Task {
  const resolved = parseTaskSpec(spec);
  const id = taskId(resolved);
  switch (resolved.family) {
    case "multinormal":
      return multinormalTask(resolved, id);
    case "student-t":
      return studentTTask(resolved, id);
    case "additive-uniform":
      return additiveUniformTask(resolved, id);
    case "linear-gaussian":
      return linearGaussianTask(resolved, id);
    case "teacher":
      return teacherTaskFromSpec(resolved, id);
  }
}
