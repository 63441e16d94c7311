-- Headless test of treelint.lua (run by test.sh): opens the canonical example, waits for the
-- diagnostics from the real `treelint lsp`, compares them with FORMAT.md §4 (count and lines
-- per rule), then walks the tree with a scripted vim.ui.select, once by :TreelintWalk's code
-- path and once through the "Walk from here" code lens. Exits non-zero on any failure.

local bin = assert(os.getenv('TREELINT_BIN'), 'TREELINT_BIN is not set')
local file = assert(os.getenv('TREELINT_TEST_FILE'), 'TREELINT_TEST_FILE is not set')
local here = assert(os.getenv('TREELINT_NVIM_DIR'), 'TREELINT_NVIM_DIR is not set')

local passed, failed = 0, 0
local function out(line)
  io.stdout:write(line .. '\n')
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name .. (detail and ('\n  ' .. detail) or ''))
  end
  return ok
end
local function finish()
  out(string.format('neovim: %d passed, %d failed', passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local run_ok, err = pcall(function()
  out('nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch))
  vim.cmd('filetype on')
  vim.g.treelint_cmd = { bin, 'lsp' }
  local treelint = dofile(here .. '/treelint.lua')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  check('the buffer is markdown', vim.bo[buf].filetype == 'markdown', 'filetype=' .. vim.bo[buf].filetype)

  -- A bound so that a hung server fails the test instead of hanging CI; not a measurement.
  local id = treelint.clients[vim.fn.fnamemodify(file, ':p:h')]
  if not check('a treelint client started for the file\'s folder', id ~= nil, vim.inspect(treelint.clients)) then
    return
  end
  local got = vim.wait(60000, function()
    return #vim.diagnostic.get(buf) > 0 or vim.lsp.get_client_by_id(id) == nil
  end, 50)
  got = got and #vim.diagnostic.get(buf) > 0
  if not check('diagnostics arrive', got, 'the server stopped or sent nothing') then
    return
  end
  -- Let a second publish (if any) land before reading.
  vim.wait(300)

  local expected = {
    ['missing-details'] = { 25, 32, 43, 47 },
    ['unmarked-leaf'] = { 27, 37, 40, 49 },
    ['unresolved-terminal'] = { 26 },
    ['unlabeled-question'] = { 35 },
    ['parallel-questions'] = { 18, 29 },
    ['last-child-glyph'] = { 13, 15, 22, 32, 35, 39 },
    ['broken-related-tree'] = { 237, 237 },
    ['broken-runbook-link'] = { 236, 236 },
  }
  local actual, total, sources = {}, 0, {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    actual[code] = actual[code] or {}
    table.insert(actual[code], d.lnum + 1)
    total = total + 1
    sources[d.source or 'nil'] = true
  end
  for _, lines in pairs(actual) do
    table.sort(lines)
  end
  check('22 diagnostics', total == 22, 'got ' .. total)
  check('every diagnostic has source "treelint"', vim.tbl_count(sources) == 1 and sources.treelint, vim.inspect(sources))
  for rule, lines in pairs(expected) do
    check(
      rule .. ': ' .. #lines .. ' at ' .. table.concat(lines, ', '),
      vim.deep_equal(actual[rule], lines),
      'got ' .. vim.inspect(actual[rule])
    )
  end
  for rule, lines in pairs(actual) do
    if not expected[rule] then
      check('no ' .. tostring(rule), false, 'got lines ' .. table.concat(lines, ', '))
    end
  end

  -- A walk with scripted answers: YES, then Back, YES, YES → ✅ ROLL BACK IMMEDIATELY.
  local prompts = {}
  local function scripted(script)
    return function(items, opts, on_choice)
      table.insert(prompts, opts.prompt)
      local want = table.remove(script, 1)
      for _, item in ipairs(items) do
        if item.label:find(want, 1, true) then
          return on_choice(item)
        end
      end
      error('no item "' .. tostring(want) .. '" among ' .. vim.inspect(vim.tbl_map(function(i)
        return i.label
      end, items)))
    end
  end
  local result
  treelint.walk({
    bufnr = buf,
    select = scripted({ 'YES (production down', '← Back', 'YES (production down', 'YES → ✅', 'Finish' }),
    done = function(r)
      result = r
    end,
  })
  check('the walk reaches an outcome', result ~= nil and result.step.kind == 'outcome', vim.inspect(result))
  if result then
    check('the outcome is ✅ ROLL BACK IMMEDIATELY', result.step.marker == '✅' and result.step.text:find('ROLL BACK IMMEDIATELY', 1, true) ~= nil, vim.inspect(result.step))
    check('the walk has two breadcrumbs', #result.breadcrumbs == 2, vim.inspect(result.breadcrumbs))
  end
  check(
    'the walk asked Check 1, Check 2, Back to Check 1, Check 2, then the outcome',
    #prompts == 5 and prompts[1]:find('[Check 1] Is the service completely down', 1, true) ~= nil
      and prompts[2]:find('[Check 2] Is rollback safe', 1, true) ~= nil
      and prompts[3] == prompts[1]
      and prompts[4] == prompts[2]
      and prompts[5]:find('ROLL BACK IMMEDIATELY', 1, true) ~= nil,
    vim.inspect(prompts)
  )

  -- The code lens on [Check 2] runs the client-side command and opens the transcript.
  local client
  for _, c in pairs(treelint.clients_of(buf)) do
    if c.name == 'treelint' then
      client = c
    end
  end
  local response = treelint.call(client, 'request_sync', 'textDocument/codeLens', { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 10000, buf)
  local lens
  for _, l in ipairs((response and response.result) or {}) do
    if l.command and l.command.command == 'treelint.walk' and l.range.start.line == 14 then
      lens = l
    end
  end
  if check('a "Walk from here" lens on [Check 2]', lens ~= nil, vim.inspect(response)) then
    vim.ui.select = scripted({ 'YES → ✅', 'Finish' })
    vim.lsp.commands['treelint.walk'](lens.command, { bufnr = buf, client_id = client.id })
    local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
    check('the lens walk opened a Markdown transcript', vim.bo.filetype == 'markdown' and vim.api.nvim_get_current_buf() ~= buf and text:find('ROLL BACK IMMEDIATELY', 1, true) ~= nil, text)
  end
end)
if not run_ok then
  check('the test ran to its end', false, tostring(err))
end
finish()
