#!/usr/bin/env python3
"""Writes test/fixtures/gym/*.json: episodes of gymnasium's CartPole-v1, Acrobot-v1 and
Pendulum-v1 that test/tasks.test.ts replays against src/tasks/ (CartPole bit for bit over whole
episodes; Acrobot and Pendulum step by step within 1e-9). Each episode holds gymnasium's start
state (NumPy's PCG64 draws it, so the fixture carries it), the actions taken, and after each step
the state (env.unwrapped.state, float64), the observation (float32), the reward and whether it
terminated or was truncated at the step limit. Actions come from a seeded NumPy generator, or from
a simple rule: CartPole's balancing (long episodes), Acrobot's pumping (episodes that end). For comparison only: the suite and CI read
the committed files and never need Python (pip install gymnasium).
Usage: python3 scripts/gym-fixtures.py [FOLDER]"""
import json, os, sys
import numpy as np
import gymnasium as gym

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "test", "fixtures", "gym")
os.makedirs(OUT, exist_ok=True)

def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]

def episode(env_id, seed, act, max_steps=None):
    env = gym.make(env_id)
    obs, _ = env.reset(seed=seed)
    rng = np.random.default_rng(seed + 1000)
    ep = dict(seed=seed, start=floats(env.unwrapped.state), startObs=floats(obs), actions=[], states=[],
              observations=[], rewards=[], terminated=[], truncated=[])
    while True:
        a = act(rng, env.unwrapped.state, env)
        obs, r, term, trunc, _ = env.step(a)
        ep["actions"].append(int(a) if np.isscalar(a) or np.ndim(a) == 0 else floats(a)[0])
        ep["states"].append(floats(env.unwrapped.state)); ep["observations"].append(floats(obs))
        ep["rewards"].append(float(r)); ep["terminated"].append(bool(term)); ep["truncated"].append(bool(trunc))
        if term or trunc or (max_steps and len(ep["actions"]) >= max_steps):
            return ep

def random_discrete(rng, s, env):
    return int(rng.integers(env.action_space.n))

def balance(rng, s, env):  # push the cart under the pole, with a little noise: long episodes
    return int(s[2] + 0.5 * s[3] + 0.01 * rng.standard_normal() > 0)

def pump(rng, s, env):  # torque with the second link's swing: the tip rises past the line, the episode ends
    return 2 if s[3] > 0 else 0

def torque(rng, s, env):  # float32, as the action space is; some beyond ±2 to exercise the clip
    return np.array([rng.uniform(-2.5, 2.5)], dtype=np.float32)

def write(name, episodes):
    with open(f"{OUT}/{name}.json", "w") as f:
        json.dump(dict(gymnasium=gym.__version__, numpy=np.__version__, episodes=episodes), f, separators=(",", ":"))
        f.write("\n")
    print(name, [len(e["actions"]) for e in episodes])

write("cartpole", [episode("CartPole-v1", s, random_discrete) for s in (1, 2, 3)] +
      [episode("CartPole-v1", s, balance) for s in (4, 5, 6)])
write("acrobot", [episode("Acrobot-v1", s, random_discrete, 150) for s in (1, 2, 3)] +
      [episode("Acrobot-v1", s, pump) for s in (4, 5)])
write("pendulum", [episode("Pendulum-v1", s, torque) for s in (1, 2)])
