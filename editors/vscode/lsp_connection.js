// A JSON-RPC connection to `dun lsp` over its stdin/stdout (LSP 3.17 base protocol), in plain
// Node.js: no npm package is needed to build or install the extension. extension.js wires it to
// VS Code; it has no VS Code dependency itself, so Node alone can exercise it.
"use strict";

const { spawn } = require("child_process");
const { EventEmitter } = require("events");

class LspConnection extends EventEmitter {
  // command: the dun binary; cwd: where to start it.
  constructor(command, cwd) {
    super();
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.process = spawn(command, ["lsp"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.process.stdout.on("data", (chunk) => this.receive(chunk));
    this.process.stderr.on("data", (chunk) => this.emit("log", chunk.toString()));
    this.process.on("error", (error) => this.emit("error", error));
    this.process.on("exit", (code) => {
      for (const { reject } of this.pending.values()) reject(new Error("dun lsp exited"));
      this.pending.clear();
      this.emit("exit", code);
    });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const match = /Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString());
      const start = headerEnd + 4;
      if (!match) {
        this.buffer = this.buffer.subarray(start);
        continue;
      }
      const length = Number(match[1]);
      if (this.buffer.length - start < length) return;
      const body = this.buffer.subarray(start, start + length).toString("utf8");
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    } else if (message.method) {
      this.emit("notification", message.method, message.params);
    }
  }

  write(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.write({ id, method, params });
    return answer;
  }

  // Cancels a request made with request(): the server answers it with RequestCancelled.
  cancel(id) {
    this.notify("$/cancelRequest", { id });
  }

  notify(method, params) {
    this.write({ method, params });
  }

  async initialize(rootUri) {
    const result = await this.request("initialize", {
      processId: process.pid,
      rootUri,
      capabilities: { general: { positionEncodings: ["utf-16"] } },
    });
    this.notify("initialized", {});
    return result;
  }

  async stop() {
    try {
      await this.request("shutdown", null);
      this.notify("exit");
    } catch (error) {
      this.process.kill();
    }
  }
}

module.exports = { LspConnection };
