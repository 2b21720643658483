// Real SupportChat processes for the browser tests: `supportchat serve` on free loopback ports with a temporary data
// folder (killed with SIGKILL and started again on the same ports and data when a test asks), a `supportchat agent
// --json` whose JSON events the test waits on, and the one-shot commands (admin token, history).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The CLI: SUPPORTCHAT_DLL, else the newer of the Release and Debug builds. */
export function serverDll(): string {
  if (process.env.SUPPORTCHAT_DLL) {
    return process.env.SUPPORTCHAT_DLL;
  }
  const candidates = ['Release', 'Debug']
    .map((c) => path.join(repoRoot, `src/SupportChat.Cli/bin/${c}/net10.0/supportchat.dll`))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error('the server is not built: run `dotnet build -c Release` at the repository root, or set SUPPORTCHAT_DLL');
  }
  return candidates[0]!;
}

const READY_LINE = 'SupportChat ready on';
const START_TIMEOUT_MS = 60_000;

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  log = '';

  private constructor(
    readonly ports: { grpc: number; web: number; silo: number; gateway: number },
    readonly dataDir: string,
    /** Extra `serve` options, e.g. ['--hours', 'general=Mon 09:00-17:00 UTC']. */
    private extraArgs: string[] = [],
  ) {}

  get grpcUrl(): string {
    return `http://127.0.0.1:${this.ports.grpc}`;
  }

  get webUrl(): string {
    return `http://127.0.0.1:${this.ports.web}`;
  }

  static async start(extraArgs: string[] = []): Promise<ServerProcess> {
    const dll = serverDll();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'supportchat-web-'));
    const server = new ServerProcess(
      { grpc: await freePort(), web: await freePort(), silo: await freePort(), gateway: await freePort() },
      dataDir,
      extraArgs,
    );
    await server.run(dll);
    return server;
  }

  private async run(dll = serverDll()): Promise<void> {
    const args = [
      dll,
      'serve',
      '--data', this.dataDir,
      '--urls', this.grpcUrl,
      '--web-urls', this.webUrl,
      '--silo-port', String(this.ports.silo),
      '--gateway-port', String(this.ports.gateway),
      ...this.extraArgs,
    ];
    const child = track(
      spawn('dotnet', args, {
        env: { ...process.env, SUPPORTCHAT_Orleans__AdvertisedAddress: '127.0.0.1', DOTNET_NOLOGO: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not log "${READY_LINE}" within ${START_TIMEOUT_MS} ms:\n${this.log.slice(-4000)}`)), START_TIMEOUT_MS);
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        this.log += chunk;
        if (this.log.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before it was ready:\n${this.log.slice(-4000)}`));
      });
    });
  }

  /** kill -9: no shutdown of any kind. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.log += '\n--- killed ---\n';
    this.child = null;
  }

  /** Starts again on the same ports and data; with `extraArgs`, with those `serve` options instead. */
  async restart(extraArgs?: string[]): Promise<void> {
    this.extraArgs = extraArgs ?? this.extraArgs;
    this.log = this.log.replace(READY_LINE, 'ready (earlier run)');
    await this.run();
  }

  async dispose(): Promise<void> {
    await this.kill9();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export type AgentEvent = { type: string; [key: string]: unknown };

/** `supportchat agent --json`: commands in, events out, one JSON object per line. */
export class AgentProcess {
  events: AgentEvent[] = [];
  private waiters: { test: (e: AgentEvent) => boolean; resolve: (e: AgentEvent) => void }[] = [];
  private child: ChildProcess;
  stderr = '';

  constructor(server: ServerProcess, name = 'Ada') {
    this.child = track(
      spawn('dotnet', [serverDll(), 'agent', '--json', '--name', name, '--server', server.grpcUrl], {
        env: { ...process.env, DOTNET_NOLOGO: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    let buffer = '';
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) {
          this.onEvent(JSON.parse(line) as AgentEvent);
        }
      }
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => (this.stderr += chunk));
  }

  private onEvent(event: AgentEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (w.test(event)) {
        w.resolve(event);
        return false;
      }
      return true;
    });
  }

  /** The first event (already seen or still to come) that matches, within the timeout. */
  waitFor(description: string, test: (e: AgentEvent) => boolean, timeoutMs = 30_000, from = 0): Promise<AgentEvent> {
    const seen = this.events.slice(from).find(test);
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`agent: no ${description} within ${timeoutMs} ms; events: ${JSON.stringify(this.events.slice(-10))}\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const done = (e: AgentEvent) => {
        clearTimeout(timer);
        resolve(e);
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  message(text: string, timeoutMs?: number): Promise<AgentEvent> {
    return this.waitFor(`message "${text}"`, (e) => e.type === 'message' && e.text === text, timeoutMs);
  }

  command(command: Record<string, unknown>): void {
    this.child.stdin!.write(JSON.stringify(command) + '\n');
  }

  async dispose(): Promise<void> {
    if (this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Runs a one-shot `supportchat …` command and returns its standard output. */
export function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('dotnet', [serverDll(), ...args], { timeout: 60_000, env: { ...process.env, DOTNET_NOLOGO: '1' } }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`supportchat ${args.join(' ')}: ${error.message}\n${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}
