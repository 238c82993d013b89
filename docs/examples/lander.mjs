// (header comment written after the runs)

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
