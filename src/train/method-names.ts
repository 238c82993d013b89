// The training methods' names, apart from their registry so that the option
// table can list them without importing every method's rule.

export type Method = 'gradient' | 'random' | 'es' | 'spsa' | 'backprop';
export const METHODS: readonly Method[] = ['gradient', 'random', 'es', 'spsa', 'backprop'];

/** The method-specific options each method takes; an option no method claims applies to all. */
const TAKES: Record<Method, readonly string[]> = {
  gradient: ['lr', 'h', 'diff', 'grad', 'gradCheck'],
  random: ['delta', 'candidates', 'elitist'],
  es: ['candidates', 'sigma', 'rank', 'optimizer', 'weightDecay', 'lr'],
  spsa: ['lr', 'delta'],
  backprop: ['lr'],
};
const CLAIMED = new Set(Object.values(TAKES).flat());

/** Whether `method` uses the option `key`. */
export const methodTakes = (method: Method, key: string): boolean => !CLAIMED.has(key) || TAKES[method].includes(key);
