-- Drives Debian's neovim as a real LSP client of `dun lsp` (lsp_neovim_test.sh): attaches the
-- server to the scenario given on the command line, waits for its diagnostics, then asks for
-- completion after `invoice.`, hover on a field, the definition of `previous` and formatting,
-- checking each answer. Writes one line per check to $DUN_RESULT and quits with status 0 only
-- when every check passed.
local dun = os.getenv("DUN_BINARY")
local result_path = os.getenv("DUN_RESULT")
local expected_format = os.getenv("DUN_EXPECTED_FORMAT")
local report = {}
local failures = 0

local function check(name, passed, detail)
  if passed then
    table.insert(report, "ok " .. name)
  else
    failures = failures + 1
    table.insert(report, "FAIL " .. name .. ": " .. vim.inspect(detail):gsub("\n", " "))
  end
end

local function finish()
  table.insert(report, failures == 0 and "ALL PASSED" or (failures .. " FAILED"))
  vim.fn.writefile(report, result_path)
  vim.cmd(failures == 0 and "qall!" or "cquit!")
end

-- vim.lsp.start (neovim 0.8+) or, on Debian 12's 0.7, start_client + buf_attach_client.
local function start_dun(buf)
  local config = { name = "dun", cmd = { dun, "lsp" }, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = buf })
  end
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
  return id
end

-- The 0-based line and UTF-16 column just after `needle` (its first occurrence).
local function after(buf, needle)
  for number, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local start = line:find(needle, 1, true)
    if start then
      local byte = start - 1 + #needle
      return { line = number - 1, character = vim.str_utfindex(line, byte) }
    end
  end
  error("not in the buffer: " .. needle)
end

local function at(buf, needle, delta)
  local position = after(buf, needle)
  position.character = position.character - #needle + (delta or 0)
  return position
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local id = start_dun(buf)
  local uri = vim.uri_from_bufnr(buf)
  local document = { uri = uri }

  local published = vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 2 end, 20)
  local diagnostics = vim.diagnostic.get(buf)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
  check("diagnostics published", published and #diagnostics == 2, diagnostics)
  check("the unknown field, with its suggestion",
    diagnostics[1] ~= nil and diagnostics[1].message:find("did you mean 'invoice.balance'?", 1, true) ~= nil
      and diagnostics[1].severity == vim.diagnostic.severity.ERROR, diagnostics[1])
  check("the unknown template",
    diagnostics[2] ~= nil and diagnostics[2].message:find("unknown template", 1, true) ~= nil, diagnostics[2])

  local client = vim.lsp.get_client_by_id(id)
  local completion = client.request_sync("textDocument/completion",
    { textDocument = document, position = after(buf, "at invoice.") }, 10000, buf)
  local labels = {}
  for _, item in ipairs((completion and completion.result and completion.result.items) or {}) do
    labels[item.label] = item.detail or ""
  end
  check("completion after invoice.", labels.balance == "money" and labels.due_date == "date", labels)

  local hover = client.request_sync("textDocument/hover",
    { textDocument = document, position = at(buf, "overdue_total", 3) }, 10000, buf)
  local hover_text = hover and hover.result and hover.result.contents.value or ""
  check("hover on a field", hover_text:find("`customer.overdue_total`: money", 1, true) ~= nil, hover_text)

  local definition = client.request_sync("textDocument/definition",
    { textDocument = document, position = at(buf, "previous", 2) }, 10000, buf)
  local target = definition and definition.result
  if target and target[1] then target = target[1] end
  check("definition of previous",
    target ~= nil and target.uri == uri and target.range.start.line == at(buf, "step first", 5).line
      and target.range.start.character == 7, target)

  local formatting = client.request_sync("textDocument/formatting",
    { textDocument = document, options = { tabSize = 2, insertSpaces = true } }, 10000, buf)
  local edits = formatting and formatting.result or {}
  vim.lsp.util.apply_text_edits(edits, buf, "utf-16")
  local formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
  local expected = table.concat(vim.fn.readfile(expected_format), "\n") .. "\n"
  check("formatting is dun fmt", #edits == 1 and formatted == expected, formatted)

  client.stop()
  finish()
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local ok, problem = pcall(run)
    if not ok then
      check("the test ran", false, problem)
      finish()
    end
  end,
})
