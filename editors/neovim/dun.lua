-- dun in Neovim: the `dun` filetype and `dun lsp` attached to every .dun buffer (diagnostics,
-- completion, hover, definition, symbols, formatting, quick fixes). Put this file in
-- ~/.config/nvim/plugin/dun.lua (or require it from init.lua). Works with Neovim 0.7 (Debian 12)
-- and later; with 0.8+ it uses vim.lsp.start, which reuses one server per project root.
local dun_command = { "dun", "lsp" }  -- or the full path of the dun binary

-- (Neovim 0.7 reads vim.filetype.add only with g:do_filetype_lua set: the autocommand works in all.)
vim.cmd("autocmd BufRead,BufNewFile *.dun setfiletype dun")

local function root_of(buffer)
  local file = vim.api.nvim_buf_get_name(buffer)
  local found = vim.fn.findfile("dun.toml", vim.fn.fnamemodify(file, ":p:h") .. ";")
  if found ~= "" then return vim.fn.fnamemodify(found, ":p:h") end
  return vim.fn.fnamemodify(file, ":p:h")
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "dun",
  callback = function(event)
    vim.bo[event.buf].commentstring = "# %s"
    local config = { name = "dun", cmd = dun_command, root_dir = root_of(event.buf) }
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = event.buf })
    else
      vim.lsp.buf_attach_client(event.buf, vim.lsp.start_client(config))
    end
  end,
})

-- Suggested keys (the defaults of Neovim 0.10 and later do the same):
--   K hover · gd go to definition · <C-x><C-o> completion · gq / :lua vim.lsp.buf.format()
--   (0.7: vim.lsp.buf.formatting_sync()) · :lua vim.lsp.buf.code_action() for the quick fix
vim.api.nvim_create_autocmd("FileType", {
  pattern = "dun",
  callback = function(event)
    vim.bo[event.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
    local map = function(keys, action) vim.keymap.set("n", keys, action, { buffer = event.buf }) end
    map("K", vim.lsp.buf.hover)
    map("gd", vim.lsp.buf.definition)
    map("<leader>ca", vim.lsp.buf.code_action)
  end,
})
