-- treelint for Neovim: starts `treelint lsp` for Markdown buffers with the built-in LSP client.
--
-- Self-contained: no plugin needed, and written against the API of Neovim 0.7 (Debian 12's
-- package), which has vim.lsp.start_client/buf_attach_client but not vim.lsp.start or vim.fs.
-- On newer versions it uses vim.lsp.start and the 0.11 method-call style instead.
--
-- Use it in one of two ways:
--   * copy it to ~/.config/nvim/lua/treelint.lua and put in init.lua:
--       require('treelint').setup({ cmd = { 'treelint', 'lsp' } })   -- options optional
--   * or source it directly (`:luafile treelint.lua`, `nvim -u treelint.lua`): it then sets
--     itself up with the defaults, reading vim.g.treelint_cmd (a list) if set.
--
-- With nvim-lspconfig, the same server is (lspconfig has no built-in treelint entry):
--   local configs = require('lspconfig.configs')
--   if not configs.treelint then
--     configs.treelint = { default_config = {
--       cmd = { 'treelint', 'lsp' },
--       filetypes = { 'markdown' },
--       root_dir = require('lspconfig.util').root_pattern('treelint.toml', '.git'),
--       single_file_support = true,
--     } }
--   end
--   require('lspconfig').treelint.setup({})
-- and `require('treelint').setup_commands()` adds :TreelintWalk and the code lens command.
--
-- Commands: :TreelintWalk [check] walks the tree with vim.ui.select, one question at a time
-- (with a Back entry), and opens the transcript in a new Markdown buffer; the server's
-- "▶ Walk from here" code lens (run with vim.lsp.codelens.run()) does the same from a check.
-- :TreelintRestart restarts the server.

local M = {}

--- Defaults; setup() merges the user's options over them.
M.config = {
  cmd = { 'treelint', 'lsp' },
  filetypes = { 'markdown' },
  -- The root is the nearest folder holding one of these, else the file's folder.
  root_markers = { 'treelint.toml', '.git' },
  -- Passed to the client; on_attach(client, bufnr) is called for every attached buffer.
  on_attach = nil,
  capabilities = nil,
}

local install_hint = 'Install it with `cargo install --path crates/treelint` from a clone of the '
  .. 'treelint repository, or pass setup({ cmd = { "/path/to/treelint", "lsp" } }).'

--- Root folder -> client id, so every buffer of one project shares one server.
local clients = {}
M.clients = clients
local warned_missing = false

local function notify(msg, level)
  vim.notify('treelint: ' .. msg, level or vim.log.levels.INFO)
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- The nearest ancestor of `path`'s folder that holds a root marker, else that folder.
local function find_root(path)
  local start = vim.fn.fnamemodify(path, ':p:h')
  local dir = start
  while dir and dir ~= '' do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

-- Neovim 0.11 made client methods colon calls (dot calls still work there, with a warning)
-- and deprecated buf_get_clients/start_client; these helpers pick the form the running
-- version wants, so the file works from 0.7 on.
local colon_methods = vim.fn.has('nvim-0.11') == 1

--- Calls `client.<method>(...)` the way this Neovim version expects.
local function call(client, method, ...)
  if colon_methods then
    return client[method](client, ...)
  end
  return client[method](...)
end

--- The clients attached to `bufnr`.
local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.lsp.buf_get_clients(bufnr)
end
M.clients_of = clients_of
M.call = call

local function client_alive(id)
  local client = id and vim.lsp.get_client_by_id(id)
  return client and not call(client, 'is_stopped')
end

--- Attaches the treelint client to `bufnr`, starting a server for its root if none runs.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return
  end
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      notify('`' .. M.config.cmd[1] .. '` was not found. ' .. install_hint, vim.log.levels.WARN)
    end
    return
  end
  local root = find_root(name)
  local id = clients[root]
  if not client_alive(id) then
    local config = {
      name = 'treelint',
      cmd = M.config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      capabilities = M.config.capabilities,
      on_attach = M.config.on_attach,
    }
    if vim.lsp.start then
      -- 0.8+: starts (or reuses) the client and attaches the buffer in one call.
      id = vim.lsp.start(config, { bufnr = bufnr })
      clients[root] = id
      return id
    end
    id = vim.lsp.start_client(config)
    if not id then
      notify('could not start ' .. table.concat(M.config.cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The treelint client attached to `bufnr`, if any.
local function buf_client(bufnr)
  for _, client in pairs(clients_of(bufnr)) do
    if client.name == 'treelint' then
      return client
    end
  end
end

--- Sends treelint/walk synchronously (the user is waiting on each step anyway).
local function walk_request(client, bufnr, uri, from, choices, tree)
  local params = { uri = uri, from = from or vim.NIL, choices = choices }
  if tree then
    params.tree = tree
  end
  local response = call(client, 'request_sync', 'treelint/walk', params, 10000, bufnr)
  if not response then
    return nil, 'no answer from the server'
  end
  if response.err then
    return nil, response.err.message or vim.inspect(response.err)
  end
  return response.result
end

local function question_prompt(step)
  local text = step.text
  if step.check ~= nil and step.check ~= vim.NIL and not text:find('[Check', 1, true) then
    local check = tostring(step.check)
    if not check:match('^[Cc]heck') then
      check = 'Check ' .. check
    end
    text = '[' .. check .. '] ' .. text
  end
  return text
end

--- The outcome as shown: its text, led by its marker unless the text already starts with it.
local function outcome_label(step)
  local marker = step.marker
  if marker == nil or marker == vim.NIL or step.text:sub(1, #marker) == marker then
    return step.text
  end
  return marker .. ' ' .. step.text
end

local function open_transcript(markdown)
  vim.cmd('new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'hide'
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(markdown, '\n', true))
  vim.bo[buf].filetype = 'markdown'
end

local function fallback_transcript(result)
  local lines = { '# Decision walk', '' }
  for i, crumb in ipairs(result.breadcrumbs or {}) do
    table.insert(lines, string.format('%d. **%s** — %s', i, crumb.question, crumb.answer))
  end
  table.insert(lines, '')
  table.insert(lines, '**Outcome:** ' .. outcome_label(result.step))
  return table.concat(lines, '\n') .. '\n'
end

--- Walks the tree of `bufnr` from check `from` (nil: the root) with vim.ui.select.
--- `select` replaces vim.ui.select (the tests script it); `done(result|nil)` is called at the end.
function M.walk(opts)
  opts = opts or {}
  local bufnr = (opts.bufnr == nil or opts.bufnr == 0) and vim.api.nvim_get_current_buf() or opts.bufnr
  local client = buf_client(bufnr)
  if not client then
    notify('no treelint server is attached to this buffer', vim.log.levels.WARN)
    return
  end
  local uri = opts.uri or vim.uri_from_bufnr(bufnr)
  local select = opts.select or vim.ui.select
  local done = opts.done or function(result)
    if result then
      open_transcript(result.transcript ~= vim.NIL and result.transcript or fallback_transcript(result))
    end
  end
  local choices = {}
  local function step()
    local result, err = walk_request(client, bufnr, uri, opts.from, choices, opts.tree)
    if not result then
      notify('walk failed: ' .. err, vim.log.levels.ERROR)
      return done(nil)
    end
    local items, prompt = {}, nil
    if result.step.kind == 'question' then
      prompt = question_prompt(result.step)
      for i, choice in ipairs(result.step.choices) do
        table.insert(items, { label = choice, index = i - 1 })
      end
      if result.step.details ~= nil and result.step.details ~= vim.NIL and result.step.details:match('%S') then
        table.insert(items, { label = 'Show details', details = result.step.details })
      end
    else
      prompt = 'Outcome: ' .. outcome_label(result.step)
      table.insert(items, { label = 'Finish: open the transcript', finish = true })
    end
    if #choices > 0 then
      table.insert(items, { label = '← Back', back = true })
    end
    select(items, {
      prompt = prompt,
      format_item = function(item)
        return item.label
      end,
    }, function(item)
      if not item then
        return done(nil)
      elseif item.back then
        table.remove(choices)
      elseif item.finish then
        return done(result)
      elseif item.details then
        open_transcript('# ' .. prompt .. '\n\n' .. item.details)
      else
        table.insert(choices, item.index)
      end
      step()
    end)
  end
  step()
end

--- Adds :TreelintWalk, :TreelintRestart and the client-side `treelint.walk` lens command.
function M.setup_commands()
  -- The server's code lens carries `[uri, checkId]`, or `[uri, null, treeNumber]`.
  vim.lsp.commands['treelint.walk'] = function(command, ctx)
    local args = command.arguments or {}
    local from = args[2] ~= vim.NIL and args[2] or nil
    local tree = args[3] ~= vim.NIL and args[3] or nil
    M.walk({ bufnr = ctx.bufnr, uri = args[1], from = from, tree = tree })
  end
  vim.api.nvim_create_user_command('TreelintWalk', function(cmd)
    M.walk({ from = cmd.args ~= '' and cmd.args or nil })
  end, { nargs = '?', desc = 'Walk the decision tree of this buffer' })
  vim.api.nvim_create_user_command('TreelintRestart', function()
    M.restart()
  end, { desc = 'Restart the treelint language server' })
end

--- Stops every treelint server and re-attaches the Markdown buffers.
function M.restart()
  for root, id in pairs(clients) do
    local client = vim.lsp.get_client_by_id(id)
    if client then
      call(client, 'stop')
    end
    clients[root] = nil
  end
  vim.defer_fn(function()
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
        M.attach(buf)
      end
    end
  end, 200)
end

--- Merges `opts` into the config, attaches to Markdown buffers (open ones too), adds commands.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('treelint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  M.setup_commands()
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
  return M
end

-- Sourced directly rather than required: set up with the defaults.
if ... == nil then
  M.setup({ cmd = vim.g.treelint_cmd })
end

return M
