// `node scripts/check-docs.mjs`: the commands the documentation shows, run as
// written. Every line `$ COMMAND` in a code block of README.md and docs/*.md,
// and the commands of README's "Two commands" block, run one by one from the
// project folder (120 s each). A command fails the check when it exits non-zero,
// unless the documentation shows it failing: its shown output is one line
// `NAME: ...` (such as `train: --lr "abc": expected a number or auto`), which
// must then be the last line it prints on stderr (npm's own lines left out). Slow commands are skipped,
// each with its reason. At the end, files that git does not track and that the
// commands created are removed (those a command names, and model.json, train's
// default output), and untracked files they overwrote are put back.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 120_000;
// What train writes when no --out is given.
const DEFAULT_OUTPUTS = ['model.json'];
// A digits run is slow unless bounded to at most this many iterations or seconds.
const DIGITS_MAX_ITERS = 50;
const DIGITS_MAX_SECONDS = 10;

/**
 * A command shown in the documentation.
 * @typedef {{ file: string, line: number, command: string, shown: string[] }} Shown
 */

/** @returns {string[]} README.md, then docs/*.md in name order */
function docFiles() {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/**
 * The `$ ` lines of a file's code blocks, each with the output shown under it
 * (up to the next `$ ` line or the block's end); in README.md, the commands of
 * the "Two commands" block as well.
 * @param {string} file @returns {Shown[]}
 */
function commandsOf(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  /** @type {Shown[]} */
  const out = [];
  let inBlock = false;
  let heading = '';
  /** @type {Shown | undefined} */
  let current;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      current = undefined;
      continue;
    }
    if (!inBlock) {
      if (line.startsWith('#')) heading = line.replace(/^#+\s*/, '');
      continue;
    }
    if (line.startsWith('$ ')) {
      current = { file, line: i + 1, command: line.slice(2).trim(), shown: [] };
      out.push(current);
    } else if (current) current.shown.push(line);
    else if (file === 'README.md' && heading === 'Two commands') {
      // `npm install && npm run train     # comment`: each command of the line, its comment dropped.
      for (const part of line.replace(/#.*$/, '').split('&&')) {
        const command = part.trim();
        if (command) out.push({ file, line: i + 1, command, shown: [] });
      }
    }
  }
  return out;
}

/**
 * A command's flag value: `--flag value` or `--flag=value`.
 * @param {string[]} words @param {string} flag @returns {string | undefined}
 */
function flagValue(words, flag) {
  for (const [k, w] of words.entries()) {
    if (w === flag) return words[k + 1];
    if (w.startsWith(`${flag}=`)) return w.slice(flag.length + 1);
  }
  return undefined;
}

/**
 * Why a command is not run, or undefined to run it.
 * @param {string} command @returns {string | undefined}
 */
function skipReason(command) {
  const words = command.split(/\s+/);
  if (/^npm (test|t)\b/.test(command)) return 'the whole test suite';
  if (/^npm (install|i|ci)\b/.test(command)) return 'installs packages';
  if (/^npm run (speedup|bench:\S+)/.test(command)) return 'a benchmark: it measures, for minutes';
  if (/^npm run check:\S+/.test(command)) return 'a check of its own';
  if (/^npm run compare\b/.test(command) && words.some((w) => w === '--seeds' || w.startsWith('--seeds=')))
    return 'a race over many seeds';
  if (/<[^>]+>/.test(command) || words.includes('...')) return 'has a placeholder';
  const data = flagValue(words, '--data');
  const idx =
    data !== undefined &&
    (data === 'mnist' || (existsSync(join(root, data)) && statSync(join(root, data)).isDirectory()));
  if (idx) {
    const iters = Number(flagValue(words, '--max-iters') ?? Number.NaN);
    const seconds = Number(flagValue(words, '--max-seconds') ?? Number.NaN);
    if (!(iters <= DIGITS_MAX_ITERS) && !(seconds > 0 && seconds <= DIGITS_MAX_SECONDS))
      return `digits without --max-iters <= ${DIGITS_MAX_ITERS} or --max-seconds <= ${DIGITS_MAX_SECONDS}: a long run`;
  }
  return undefined;
}

/**
 * The error line a command is shown failing with: its shown output is one line `NAME: ...`.
 * @param {Shown} s @returns {string | undefined}
 */
function shownError(s) {
  const shown = s.shown.filter((l) => l.trim() !== '');
  return shown.length === 1 && /^[a-z][\w:-]*: /.test(shown[0]) ? shown[0] : undefined;
}

/** The process group of the command running now, if any. @type {number | undefined} */
let running;

/** Kills a command's whole process group (npm, node and its workers). @param {number | undefined} pid */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {} // already gone
}

/**
 * Runs a command in a shell from the project folder, in its own process group,
 * killed (the whole group) after TIMEOUT_MS.
 * @param {string} command
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
function run(command) {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', command], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child.pid;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      running = undefined;
      done({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * Paths that git does not track, ignored ones included (an untracked folder as one entry).
 * @returns {string[]}
 */
function untracked() {
  // --no-optional-locks: a status that never takes the index lock, so a commit made meanwhile is not refused.
  const r = spawnSync('git', ['--no-optional-locks', 'status', '--porcelain', '--ignored', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git status: ${r.stderr}`);
  return r.stdout
    .split('\0')
    .filter((e) => e.startsWith('?? ') || e.startsWith('!! '))
    .map((e) => e.slice(3).replace(/\/$/, ''));
}

/**
 * The command's own last line on stderr: npm's lines about the failed script (`npm error ...`) left out.
 * @param {string} text @returns {string}
 */
const lastLine = (text) =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !/^npm (error|ERR!|warn|WARN)\b/.test(l))
    .at(-1) ?? '';

// Before: what git does not track, and the content of its small files, which a command may overwrite
// (`npm run train` writes model.json): put back at the end.
const before = new Set(untracked());
/** @type {Map<string, Buffer>} */
const saved = new Map();
for (const path of before) {
  const full = join(root, path);
  const st = statSync(full, { throwIfNoEntry: false });
  if (st?.isFile() && st.size <= 50_000_000) saved.set(path, readFileSync(full));
}

/** Every word of the commands run: a file they created is one of these (or a default output). */
const named = new Set(DEFAULT_OUTPUTS);

/**
 * Removes what the commands created and puts back what they overwrote; says what it did. A new
 * file that no command names is left alone: someone else may be at work in the folder.
 */
function cleanUp() {
  const fresh = untracked().filter((p) => !before.has(p));
  const created = fresh.filter((p) => named.has(p));
  const others = fresh.filter((p) => !named.has(p));
  for (const path of created) rmSync(join(root, path), { recursive: true, force: true });
  const restored = [];
  for (const [path, content] of saved) {
    const full = join(root, path);
    if (!existsSync(full) || !readFileSync(full).equals(content)) {
      writeFileSync(full, content);
      restored.push(path);
    }
  }
  if (created.length) console.log(`check-docs: removed ${created.join(', ')}`);
  if (restored.length) console.log(`check-docs: put back ${restored.join(', ')}`);
  if (others.length) console.log(`check-docs: left alone ${others.join(', ')} (new, but named by no command)`);
}

// Ctrl-C: the command running stops, and the folder is cleaned up as at the end.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    killGroup(running);
    cleanUp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

const shownCommands = docFiles().flatMap(commandsOf);
/** @type {Map<string, string>} a command run already, and where */
const ran = new Map();
const counts = { ok: 0, skipped: 0, failed: 0 };
/** @type {string[]} */
const failures = [];
for (const s of shownCommands) {
  const where = `${s.file}:${s.line}`;
  const why = skipReason(s.command);
  if (why !== undefined) {
    counts.skipped++;
    console.log(`skipped  ${where}  ${s.command}  (${why})`);
    continue;
  }
  const expected = shownError(s);
  const key = `${s.command}\n${expected ?? ''}`;
  const earlier = ran.get(key);
  if (earlier !== undefined) {
    counts.ok++;
    console.log(`ok       ${where}  ${s.command}  (as ${earlier})`);
    continue;
  }
  ran.set(key, where);
  for (const word of s.command.split(/\s+/)) named.add(word.replace(/^--[\w-]+=/, '').replace(/^\.\//, ''));
  const t0 = performance.now();
  const r = await run(s.command);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  /** @type {string | undefined} */
  let problem;
  if (r.timedOut) problem = `timed out after ${TIMEOUT_MS / 1000} s`;
  else if (expected === undefined && r.code !== 0) problem = `exit code ${r.code}`;
  else if (expected !== undefined && r.code === 0) problem = `exit code 0, expected it to fail with: ${expected}`;
  else if (expected !== undefined && lastLine(r.stderr) !== expected.trimEnd())
    problem = `printed "${lastLine(r.stderr)}", the documentation shows "${expected}"`;
  if (problem === undefined) {
    counts.ok++;
    console.log(`ok       ${where}  ${s.command}  (${expected ? 'fails as shown, ' : ''}${seconds} s)`);
  } else {
    counts.failed++;
    console.log(`FAILED   ${where}  ${s.command}  (${problem})`);
    const stderr = r.stderr.trimEnd();
    if (stderr) console.log(stderr.replace(/^/gm, '         '));
    failures.push(`${where}: ${s.command}`);
  }
}
cleanUp();
console.log(`check-docs: ${counts.ok} ok, ${counts.skipped} skipped, ${counts.failed} failed`);
for (const f of failures) console.error(`check-docs: FAILED ${f}`);
if (counts.failed > 0) process.exitCode = 1;
