// A score objective: the net's accuracy at telling whether two numbers have
// the same sign, on 50 points drawn from the stream it is given. Accuracy is
// a count: it has no gradient, and backpropagation cannot train on it; a
// population of candidates can. See docs/tasks.md.
//
//   npm run train -- --objective docs/examples/xor-accuracy.mjs --out xor.json

export const inputs = 2;
export const outputs = 1;
// Stop once the held-out mean accuracy reaches 95%.
export const targetReturn = 0.95;

/** The share of 50 points whose sign the net's one output gets right (output > 0: "same sign"). */
export function evaluate(policy, ctx) {
  let right = 0;
  for (let i = 0; i < 50; i++) {
    const x = 2 * ctx.rng() - 1;
    const y = 2 * ctx.rng() - 1;
    const same = x * y > 0;
    if (policy([x, y])[0] > 0 === same) right++;
  }
  return right / 50;
}
