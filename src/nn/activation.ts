// Hidden-unit activation functions. The output layer has its own function,
// chosen by the loss (see output.ts), so these apply to hidden layers only.

export type ActivationName = 'logistic' | 'relu' | 'tanh';

export const ACTIVATIONS: readonly ActivationName[] = ['logistic', 'relu', 'tanh'];

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function relu(z: number): number {
  return Math.max(z, 0);
}

export const activations: Record<ActivationName, (z: number) => number> = {
  logistic,
  relu,
  tanh: Math.tanh,
};

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATIONS as readonly string[]).includes(name);
}
