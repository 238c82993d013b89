#!/usr/bin/env python3
"""Baselines for training on the built-in tasks (issue: objectives; docs will quote them beside
ours): gymnasium's own CartPole-v1, Acrobot-v1 and Pendulum-v1, a policy of 16 tanh hidden units
with the bias as an input (as ours), trained by
  es   a NumPy OpenES: 16 antithetic pairs, sigma 0.2, Adam lr 0.1, centred ranks, one episode
       per candidate with the same start for every candidate of an iteration;
  cma  pycma's CMA-ES (sigma0 0.5, its default population), one episode per candidate;
each scored every 5 iterations on 100 held-out episodes (starts training never draws), stopping
at the task's threshold (CartPole 475, Acrobot -100, Pendulum -200) or the time limit. Prints, per
seed, the seconds to the threshold (start-up excluded, held-out checks included) and the best
held-out mean. For comparison
only: nothing in the project or its tests uses Python (pip install gymnasium cma).
Usage: python3 scripts/task-baseline.py TASK [es|cma] [--seeds 1-5] [--seconds 120]"""
import sys, time, statistics
import numpy as np
import gymnasium as gym

TASKS = {"cartpole": ("CartPole-v1", 475.0), "acrobot": ("Acrobot-v1", -100.0), "pendulum": ("Pendulum-v1", -200.0)}
HIDDEN = 16

def flag(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

def seeds(text):
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))

class Policy:
    def __init__(self, env):
        self.n_in = env.observation_space.shape[0] + 1
        space = env.action_space
        self.discrete = isinstance(space, gym.spaces.Discrete)
        self.n_out = space.n if self.discrete else space.shape[0]
        self.low, self.high = (None, None) if self.discrete else (space.low, space.high)
        self.size = self.n_in * HIDDEN + HIDDEN * self.n_out

    def act(self, w, obs):
        w1 = w[: self.n_in * HIDDEN].reshape(self.n_in, HIDDEN)
        w2 = w[self.n_in * HIDDEN :].reshape(HIDDEN, self.n_out)
        out = np.tanh(np.append(obs, 1.0) @ w1) @ w2
        if self.discrete:
            return int(np.argmax(out))
        return (self.low + (np.tanh(out) + 1) / 2 * (self.high - self.low)).astype(np.float32)

def episode(env, policy, w, seed):
    obs, _ = env.reset(seed=int(seed))
    total, done = 0.0, False
    while not done:
        obs, r, term, trunc, _ = env.step(policy.act(w, obs))
        total += r
        done = term or trunc
    return total

def held_out(env, policy, w, seed):
    return statistics.mean(episode(env, policy, w, 10**9 + 1000 * seed + e) for e in range(100))

def train(kind, task, seed, seconds):
    env_id, threshold = TASKS[task]
    env = gym.make(env_id)
    policy = Policy(env)
    rng = np.random.default_rng(seed)
    w = rng.standard_normal(policy.size) * 0.1
    t0, it, best = time.perf_counter(), 0, -np.inf
    m, v = np.zeros_like(w), np.zeros_like(w)
    es = None
    if kind == "cma":
        import cma
        es = cma.CMAEvolutionStrategy(w, 0.5, {"seed": seed, "verbose": -9})
    while time.perf_counter() - t0 < seconds:
        it += 1
        start = int(rng.integers(10**8))  # this iteration's episode, the same for every candidate
        if es is not None:
            cands = es.ask()
            es.tell(cands, [-episode(env, policy, np.asarray(c), start) for c in cands])
            w = es.result.xfavorite
        else:
            eps = rng.standard_normal((16, policy.size))
            pop = np.concatenate([eps, -eps])
            returns = np.array([episode(env, policy, w + 0.2 * e, start) for e in pop])
            ranks = returns.argsort().argsort() / (len(returns) - 1) - 0.5
            g = -(ranks @ pop) / (len(pop) * 0.2)
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            w = w - 0.1 * (m / (1 - 0.9**it)) / (np.sqrt(v / (1 - 0.999**it)) + 1e-8)
        if it % 5 == 0:
            best = max(best, held_out(env, policy, w, seed))
            if best >= threshold:
                return time.perf_counter() - t0, best
    return None, best

def main():
    task = sys.argv[1] if len(sys.argv) > 1 else "cartpole"
    kind = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else "es"
    seconds = float(flag("--seconds", "120"))
    print(f"{kind} on gymnasium {gym.__version__} {TASKS[task][0]}, threshold {TASKS[task][1]}, limit {seconds:g} s")
    times = []
    for s in seeds(flag("--seeds", "1-5")):
        t, best = train(kind, task, s, seconds)
        times.append(t if t is not None else float("inf"))
        print(f"  seed {s}: " + (f"{t:.2f} s" if t is not None else "not reached") + f", best held-out mean {best:.1f}", flush=True)
    reached = [t for t in times if t != float("inf")]
    print(f"reached {len(reached)} of {len(times)}; median time {statistics.median(times):.2f} s")

if __name__ == "__main__":
    main()
