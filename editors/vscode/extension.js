// The VS Code side of dun: starts `dun lsp` (setting `dun.path`) for the .dun files of the
// workspace and maps its answers onto VS Code's providers — diagnostics, quick fixes, completion,
// hover, go to definition, document symbols and formatting. Full-text sync, UTF-16 positions
// (VS Code's own), no npm dependency.
"use strict";

const vscode = require("vscode");
const { LspConnection } = require("./lsp_connection");

let connection;

const toPosition = (p) => new vscode.Position(p.line, p.character);
const toRange = (r) => new vscode.Range(toPosition(r.start), toPosition(r.end));
const fromPosition = (p) => ({ line: p.line, character: p.character });
const documentId = (document) => ({ uri: document.uri.toString() });

const severities = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(item) {
  const diagnostic = new vscode.Diagnostic(toRange(item.range), item.message,
                                           severities[item.severity] ?? vscode.DiagnosticSeverity.Error);
  diagnostic.source = "dun";
  return diagnostic;
}

function toEdit(edit) {
  return new vscode.TextEdit(toRange(edit.range), edit.newText);
}

// Answers to a cancelled VS Code request are dropped; the server is told to drop the work too.
function withCancellation(token, method, params) {
  const id = connection.nextId;
  const answer = connection.request(method, params);
  const subscription = token.onCancellationRequested(() => connection.cancel(id));
  return answer.finally(() => subscription.dispose()).catch(() => null);
}

function toSymbol(symbol) {
  const kind = symbol.kind - 1;  // LSP's SymbolKind is vscode.SymbolKind + 1
  const result = new vscode.DocumentSymbol(symbol.name, symbol.detail ?? "", kind,
                                           toRange(symbol.range), toRange(symbol.selectionRange));
  result.children = (symbol.children ?? []).map(toSymbol);
  return result;
}

async function activate(context) {
  const command = vscode.workspace.getConfiguration("dun").get("path", "dun");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  connection = new LspConnection(command, folder?.fsPath);
  const output = vscode.window.createOutputChannel("dun");
  const diagnostics = vscode.languages.createDiagnosticCollection("dun");
  context.subscriptions.push(output, diagnostics);
  connection.on("log", (text) => output.append(text));
  connection.on("error", (error) =>
    vscode.window.showErrorMessage(`dun lsp could not start (${error.message}): set dun.path`));
  connection.on("notification", (method, params) => {
    if (method === "textDocument/publishDiagnostics") {
      diagnostics.set(vscode.Uri.parse(params.uri), params.diagnostics.map(toDiagnostic));
    } else if (method === "window/logMessage") {
      output.appendLine(params.message);
    }
  });
  await connection.initialize(folder?.toString() ?? null);

  const isDun = (document) => document.languageId === "dun";
  const open = (document) => {
    if (!isDun(document)) return;
    connection.notify("textDocument/didOpen", {
      textDocument: { ...documentId(document), languageId: "dun", version: document.version,
                      text: document.getText() } });
  };
  vscode.workspace.textDocuments.forEach(open);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(open),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!isDun(event.document)) return;
      connection.notify("textDocument/didChange", {
        textDocument: { ...documentId(event.document), version: event.document.version },
        contentChanges: [{ text: event.document.getText() }] });
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (isDun(document)) connection.notify("textDocument/didClose", { textDocument: documentId(document) });
    }));

  const selector = { language: "dun" };
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position, token) {
        const list = await withCancellation(token, "textDocument/completion",
          { textDocument: documentId(document), position: fromPosition(position) });
        return (list?.items ?? []).map((item) => {
          const completion = new vscode.CompletionItem(item.label, item.kind - 1);
          completion.detail = item.detail;
          completion.documentation = item.documentation;
          return completion;
        });
      },
    }, ".", "\""),
    vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position, token) {
        const hover = await withCancellation(token, "textDocument/hover",
          { textDocument: documentId(document), position: fromPosition(position) });
        if (!hover) return null;
        return new vscode.Hover(new vscode.MarkdownString(hover.contents.value),
                                hover.range ? toRange(hover.range) : undefined);
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      async provideDefinition(document, position, token) {
        const location = await withCancellation(token, "textDocument/definition",
          { textDocument: documentId(document), position: fromPosition(position) });
        if (!location) return null;
        return new vscode.Location(vscode.Uri.parse(location.uri), toRange(location.range));
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      async provideDocumentSymbols(document, token) {
        const symbols = await withCancellation(token, "textDocument/documentSymbol",
          { textDocument: documentId(document) });
        return (symbols ?? []).map(toSymbol);
      },
    }),
    vscode.languages.registerDocumentFormattingEditProvider(selector, {
      async provideDocumentFormattingEdits(document, options, token) {
        const edits = await withCancellation(token, "textDocument/formatting",
          { textDocument: documentId(document), options: { tabSize: options.tabSize,
                                                           insertSpaces: options.insertSpaces } });
        return (edits ?? []).map(toEdit);
      },
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      async provideCodeActions(document, range, _context, token) {
        const actions = await withCancellation(token, "textDocument/codeAction", {
          textDocument: documentId(document),
          range: { start: fromPosition(range.start), end: fromPosition(range.end) },
          context: { diagnostics: [] } });
        return (actions ?? []).map((action) => {
          const fix = new vscode.CodeAction(action.title, vscode.CodeActionKind.QuickFix);
          fix.isPreferred = action.isPreferred;
          fix.edit = new vscode.WorkspaceEdit();
          for (const [uri, edits] of Object.entries(action.edit.changes)) {
            for (const edit of edits) fix.edit.replace(vscode.Uri.parse(uri), toRange(edit.range), edit.newText);
          }
          return fix;
        });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
}

async function deactivate() {
  if (connection) await connection.stop();
}

module.exports = { activate, deactivate };
