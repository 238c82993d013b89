// The built-in control tasks, by the name --task takes.

import { acrobot } from './acrobot.ts';
import { cartpole } from './cartpole.ts';
import type { Environment } from './environment.ts';
import { pendulum } from './pendulum.ts';

export const TASKS = { cartpole, acrobot, pendulum } as const satisfies Record<string, Environment>;
export type TaskName = keyof typeof TASKS;
export const TASK_NAMES = Object.keys(TASKS) as readonly TaskName[];
