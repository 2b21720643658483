// A real `supportchat serve` process on free loopback ports with a temporary data folder: started, killed (-9),
// started again on the same data and ports, and always killed at the end, even after a failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The server binary; `scripts/test` builds it before the suite runs. */
export const serverDll = process.env.SUPPORTCHAT_DLL
  ?? path.join(repoRoot, 'src/SupportChat.Cli/bin/Debug/net10.0/supportchat.dll');

// Logged once the store is open, the session key loaded and open conversations recovered: streams may come.
const READY_LINE = 'SupportChat ready on';
const START_TIMEOUT_MS = 60_000;
const LOG_LIMIT = 200_000;

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  #options;
  #child = null;
  #exited = null;
  log = '';

  constructor(options, ports, dataDir) {
    this.#options = options;
    this.ports = ports;
    this.dataDir = dataDir;
  }

  /**
   * Starts a server. Options: departments (array), customerGrace and agentGrace (seconds), env (extra environment,
   * e.g. { SUPPORTCHAT_Chat__SendBurst: '5' }), extraArgs (more `serve` options, e.g. ['--hours', '…']).
   */
  static async start(options = {}) {
    if (!fs.existsSync(serverDll)) {
      throw new Error(`the server is not built: ${serverDll} is missing (run: dotnet build src/SupportChat.Cli, or set SUPPORTCHAT_DLL)`);
    }

    const ports = { http: await freePort(), silo: await freePort(), gateway: await freePort() };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supportchat-conformance-'));
    const server = new ServerProcess(options, ports, dataDir);
    await server.startAgain();
    return server;
  }

  /** host:port for gRPC clients. */
  get address() {
    return `127.0.0.1:${this.ports.http}`;
  }

  /** Starts the process (again) on the same ports and data folder; resolves once it serves. */
  async startAgain() {
    const { departments, customerGrace, agentGrace, env, extraArgs } = this.#options;
    // No web listener: every server would want its default port (5080); BrowserCustomer is served on --urls too.
    const args = [serverDll, 'serve', '--urls', `http://${this.address}`, '--web-urls', 'none', '--data', this.dataDir,
      '--silo-port', String(this.ports.silo), '--gateway-port', String(this.ports.gateway)];
    if (departments?.length) args.push('--departments', departments.join(','));
    if (customerGrace !== undefined) args.push('--customer-grace', String(customerGrace));
    if (agentGrace !== undefined) args.push('--agent-grace', String(agentGrace));
    if (extraArgs?.length) args.push(...extraArgs);

    const child = spawn('dotnet', args, {
      env: { ...process.env, DOTNET_NOLOGO: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    running.add(child);
    this.#exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }));

    let ready = false;
    let runLog = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`timed out after ${START_TIMEOUT_MS} ms waiting for the server to log "${READY_LINE}"`),
        START_TIMEOUT_MS);
      const onData = (chunk) => {
        this.#append(chunk);
        if (ready) return;
        runLog += chunk.toString();
        if (runLog.includes(READY_LINE)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      };
      const fail = (why) => {
        if (ready) return;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${why}\n--- server log (tail) ---\n${this.log.slice(-4000)}`));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      this.#exited.then(({ code, signal }) => fail(`the server exited (code ${code}, signal ${signal}) before it served`));
    });
  }

  /** kill -9: no shutdown of any kind, as in a crash. */
  async kill9() {
    if (!this.#child) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
    this.#child = null;
    this.#append('\n--- killed (-9) ---\n');
  }

  /** SIGTERM, as an operator stops it; resolves with the exit once it is gone (SIGKILL after 15 s). */
  async terminate() {
    if (!this.#child) return null;
    const child = this.#child;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const exit = await this.#exited;
    clearTimeout(timer);
    this.#child = null;
    return exit;
  }

  /** Kills the process and removes its data folder. */
  async dispose() {
    await this.kill9();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    if (process.env.SUPPORTCHAT_CONFORMANCE_LOG) {
      fs.appendFileSync(process.env.SUPPORTCHAT_CONFORMANCE_LOG, this.log);
    }
  }

  #append(chunk) {
    this.log += chunk.toString();
    if (this.log.length > LOG_LIMIT) this.log = this.log.slice(-LOG_LIMIT / 2);
  }
}

/** Runs `supportchat <args>` to completion (e.g. `agents add`), bounded; resolves with its standard output. */
export function runCli(args, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn('dotnet', [serverDll, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms waiting for supportchat ${args.join(' ')}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`supportchat ${args.join(' ')} exited with ${code}: ${err}`));
    });
  });
}
