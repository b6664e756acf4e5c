// The VS Code extension's connection (editors/vscode/lsp_connection.js) against the real
// `dun lsp`, in Node alone: initialize, open a document, receive its diagnostics, complete after
// `invoice.`, cancel a request, shut down.   usage: node editor_client_test.js DUN SOURCE_DIR
"use strict";

const assert = require("assert");
const path = require("path");
const os = require("os");
const fs = require("fs");

const [dun, sourceDir] = process.argv.slice(2);
const { LspConnection } = require(path.join(sourceDir, "editors", "vscode", "lsp_connection.js"));

async function main() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "dun-editor-client-"));
  const file = path.join(folder, "demo.dun");
  const text = 'scenario demo "Demo"\n  applies when invoice.balanse > 0\n\n  step first\n' +
               '    at invoice.due_date + 7 days\n    task "Call"\nend\n';
  fs.writeFileSync(file, text);
  const uri = "file://" + file;
  const connection = new LspConnection(dun, folder);
  const exited = new Promise((resolve) => connection.on("exit", resolve));
  const published = new Promise((resolve) => connection.on("notification", (method, params) => {
    if (method === "textDocument/publishDiagnostics" && params.uri === uri) resolve(params.diagnostics);
  }));

  const init = await connection.initialize("file://" + folder);
  assert.strictEqual(init.capabilities.hoverProvider, true);
  connection.notify("textDocument/didOpen",
    { textDocument: { uri, languageId: "dun", version: 1, text } });
  const diagnostics = await published;
  assert.strictEqual(diagnostics.length, 1);
  assert.match(diagnostics[0].message, /did you mean 'invoice\.balance'\?/);
  assert.deepStrictEqual(diagnostics[0].range.start, { line: 1, character: 23 });

  const list = await connection.request("textDocument/completion",
    { textDocument: { uri }, position: { line: 4, character: 15 } });
  assert.ok(list.items.some((item) => item.label === "balance" && item.detail === "money"));

  const id = connection.nextId;
  const hover = connection.request("textDocument/hover",
    { textDocument: { uri }, position: { line: 4, character: 10 } });
  connection.cancel(id);
  await hover.then(() => {}, () => {});  // answered or cancelled: either way, answered

  await connection.stop();
  assert.strictEqual(await exited, 0);
  fs.rmSync(folder, { recursive: true });
  console.log("editor client: ok");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
