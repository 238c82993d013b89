// An environment objective: a one-dimensional rocket lander on the Moon. The rocket starts 5–10 m
// up with a vertical speed of −1 to +1 m/s and falls under 1.6 m/s²; every 0.1 s step the policy
// picks engine off (0) or on (1: 4 m/s² of thrust, more than gravity). The episode ends at
// touch-down (height ≤ 0), when the rocket climbs above 15 m (flew away) or after 300 steps (30 s).
// Touch-down at ≤ 1 m/s is a landing and pays 100 − 20·|v|; faster is a crash and pays −20·|v|;
// flying away or running out of time pays −100; each step with the engine on costs 0.1 (fuel).
// A hand-written rule (engine on while v < −(0.3 + 0.4·h)) averages about 90, so the target of 80
// means nearly every start lands softly. See docs/tasks.md.
//
//   npm run train -- --objective docs/examples/lander.mjs --out lander.json
//   npm run play -- --model lander.json --svg lander.svg
//
// With the defaults (es, 32 candidates, 16 tanh units, seed 1) on the 2-core project machine: held-out
// −112.0 at iteration 0, 82.2 at iteration 10, stopped: target-return, 0.07 s of training and
// about 0.4 s for the whole process. Seeds 2–6 reached 80.9–86.6 in 10–35 iterations (0.3–0.4 s whole
// process each). --method random and spsa reached it in 5 iterations too. --method gradient with
// its task defaults (h 0.05) sat at −102.5 for 20 s (it got stuck on "engine always on, fly
// away", whose return does not change when a weight moves a little); --h 0.5 --episodes 4 reached
// 91.8 within 200 iterations (2.2 s).
//
// How this was written: from README.md and docs/ alone (docs/tasks.md, "Your own objective"), by
// someone who had not read the source. The exports table was enough to get it right at the first
// try, and the error lines for a misspelt export, a wrong actions value, a NaN reward or a syntax
// error each named the module and what was wrong. What was unclear, missing or wrong:
// - The docs never say where a rect's (x, y) is; it is the lower-left corner in world units
//   (y up), which is what I guessed. Nor that a line's width is in world units, nor what colour
//   strings are taken (CSS ones such as '#f80' work).
// - Nor which states are drawn: play draws one frame per step, the state after each step; the
//   start state from reset() is neither drawn nor printed by --text. So draw() must find all it
//   needs (here: was the engine on, and how it ended) in the state, which is why the state holds
//   the last action and an outcome code.
// - Nor how step() can know the trainer cut the episode at maxSteps: it cannot, so this module
//   counts steps in the state to give running out of time a penalty.
// - `name` (optional) "what the lines call it": it is ignored, as a named export and as a field
//   of a default export; the lines and play still say "docs/examples/lander.mjs".
// - The determinism check caught Math.random in step() but not in reset(): with Math.random for
//   the start height, two runs of the same seed stopped at iteration 10 (82.2) and 15 (83.8) with
//   no error.
// - A draw() shape with an unknown kind ('rectangle') is drawn as <circle cx="NaN" ...>, silently.
// - Errors name the episode but not the step, nor that a reward was undefined or that step()
//   returned a number instead of { reward, terminated } (both show only as "gave NaN"); a string
//   observationSize of '2' is reported as "is 2, expected a whole number >= 1"; a syntax error
//   gives no line number; observe() writing past observationSize is silently dropped.
// - `train --help` sends you to docs/objectives.md, which does not exist (it is docs/tasks.md);
//   the README's "Usage: neuro-pool COMMAND" block lists no play command (the real --help does);
//   docs/model-file.md does not describe a policy's model file (its `task` field); docs/commands.md
//   gives --max-seconds a default of 0 without saying that a task or objective gets 60.
// - play prints the return unrounded ("return 87.62786767557263") and --text prints the state's
//   numbers with no column names: fine for a module's author, who knows the layout above.
// - tasks.md points to this file as "a worked example" before it existed.
// Fixed since, from this list: --help names docs/tasks.md; tasks.md says where a rect's corner is,
// what widths and colours are and which states are drawn; `name` shows on the headline; reset() is
// checked for its start too; play refuses a shape of an unknown kind; the README lists play;
// model-file.md has a policy's file; commands.md gives a task's --max-seconds.

const DT = 0.1; // seconds per step
const GRAVITY = 1.6; // m/s², the Moon
const THRUST = 4.0; // m/s² upwards while the engine burns (more than gravity)
const CEILING = 15; // m: above this the rocket has flown away
const SOFT = 1.0; // m/s: a touch-down at most this fast is a landing, faster a crash

// State (a Float64Array, moved in place):
//   0 height (m), 1 vertical speed (m/s, up positive), 2 engine on in the last step (0/1),
//   3 steps taken, 4 outcome (0 flying, 1 landed, 2 crashed, 3 flew away, 4 out of time)
const H = 0;
const V = 1;
const ENGINE = 2;
const T = 3;
const OUTCOME = 4;

export const name = 'lander';
export const observationSize = 2;
export const actions = { type: 'discrete', n: 2 }; // 0: engine off, 1: engine on
export const maxSteps = 300; // 30 s
// A soft landing pays 100 − 20·|v| minus fuel (about 85–95 for a good one); a crash −20·|v|.
export const targetReturn = 80;

export function reset(rng) {
  const s = new Float64Array(5);
  s[H] = 5 + 5 * rng(); // 5–10 m
  s[V] = -1 + 2 * rng(); // −1 to +1 m/s
  return s;
}

export function step(s, action, _rng) {
  const on = action === 1 ? 1 : 0;
  s[ENGINE] = on;
  s[T] += 1;
  const a = on * THRUST - GRAVITY;
  s[V] += a * DT;
  s[H] += s[V] * DT;
  let reward = -0.1 * on; // fuel
  if (s[H] <= 0) {
    const speed = Math.abs(s[V]);
    s[H] = 0;
    if (speed <= SOFT) {
      s[OUTCOME] = 1;
      reward += 100 - 20 * speed;
    } else {
      s[OUTCOME] = 2;
      reward += -20 * speed;
    }
    return { reward, terminated: true };
  }
  if (s[H] > CEILING) {
    s[OUTCOME] = 3;
    return { reward: reward - 100, terminated: true };
  }
  if (s[T] >= maxSteps) {
    // The trainer ends the episode here; hovering until the time is up is no landing.
    s[OUTCOME] = 4;
    return { reward: reward - 100, terminated: true };
  }
  return { reward, terminated: false };
}

export function observe(s, out) {
  out[0] = s[H] / 10;
  out[1] = s[V] / 5;
}

export const view = { xMin: -8, xMax: 8, yMin: -1, yMax: 16 };
export const stepSeconds = DT;

export function draw(s) {
  const h = s[H];
  const colors = ['#445', '#2a2', '#c22', '#888', '#888'];
  const shapes = [
    { kind: 'rect', x: -8, y: -1, w: 16, h: 1, color: '#bbb' }, // the ground
    { kind: 'line', x1: -8, y1: 0, x2: 8, y2: 0, width: 0.08, color: '#333' },
    { kind: 'line', x1: -1.5, y1: 0, x2: 1.5, y2: 0, width: 0.2, color: '#2a2' }, // the pad
  ];
  if (s[ENGINE] === 1 && s[OUTCOME] === 0) {
    shapes.push({ kind: 'rect', x: -0.2, y: h - 0.7, w: 0.4, h: 0.7, color: '#f80' });
    shapes.push({ kind: 'circle', cx: 0, cy: h - 0.7, r: 0.2, color: '#fc0' });
  }
  shapes.push({ kind: 'rect', x: -0.4, y: h, w: 0.8, h: 1.6, color: colors[s[OUTCOME]] });
  shapes.push({ kind: 'circle', cx: 0, cy: h + 1.6, r: 0.4, color: colors[s[OUTCOME]] });
  return shapes;
}
