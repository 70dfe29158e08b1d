// The VS Code client of `plancheck lsp`: starts the language server for the TOML files of the
// workspace; VS Code then shows its findings in the Problems panel and its fixes as quick fixes.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("plancheck").get("path", "plancheck");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "plancheck",
    "plancheck",
    { run: server, debug: server },
    // By file name: VS Code has no TOML language of its own (Even Better TOML adds one).
    { documentSelector: [{ scheme: "file", pattern: "**/*.toml" }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
