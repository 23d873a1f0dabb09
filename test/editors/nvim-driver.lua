-- Drives Neovim, configured by docs/editors/neovim.lua (loaded before this file), through the
-- checks of scripts/editors-test.mjs: reads the plan (CC_LOGS_PLAN), writes what it saw (CC_LOGS_OUT).
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('CC_LOGS_PLAN')), '\n'))
local out = { phase = plan.phase, errors = {}, filetypes = {}, attached = {} }

local function note(msg)
  table.insert(out.errors, msg)
end

local uv = vim.uv or vim.loop

local function clients_of(bufnr)
  local list = {}
  -- vim.lsp.get_clients (0.10+) replaced vim.lsp.buf_get_clients (0.7 to 0.10).
  local all = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(all) do
    if c.name == 'cc-logs' then
      table.insert(list, c)
    end
  end
  return list
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function wait_attached(bufnr)
  return vim.wait(20000, function()
    local c = clients_of(bufnr)[1]
    return c ~= nil and c.initialized ~= false and c.server_capabilities ~= nil
  end, 50)
end

local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
  if not answers then
    note(method .. ': ' .. tostring(err))
    return nil
  end
  for _, a in pairs(answers) do
    if a.error then
      note(method .. ': ' .. vim.inspect(a.error))
    end
    return a.result
  end
end

local function at(bufnr, spot)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = spot.line, character = spot.character } }
end

local function hover_text(bufnr, spot)
  local r = request(bufnr, 'textDocument/hover', at(bufnr, spot))
  if type(r) ~= 'table' or r.contents == nil then
    return ''
  end
  return type(r.contents) == 'table' and (r.contents.value or '') or tostring(r.contents)
end

-- Asks again until `ok` holds (the index is built in the background) or 30 s have passed.
local function retry(ask, ok)
  local v = ask()
  local deadline = uv.now() + 30000
  while not ok(v) and uv.now() < deadline do
    vim.wait(300)
    v = ask()
  end
  return v
end

local function run()
  if plan.phase == 'filetypes' then
    for _, f in ipairs(plan.filetypes) do
      local bufnr = open(f.path)
      out.filetypes[f.path] = vim.bo[bufnr].filetype
      if f.attach then
        out.attached[f.path] = wait_attached(bufnr)
      end
    end
    return
  end

  local contact = open(plan.contact.path)
  if not wait_attached(contact) then
    note('no cc-logs client attached to ' .. plan.contact.path)
    return
  end
  local client = clients_of(contact)[1]
  -- Which branch of the recipe started the client: vim.lsp.config/enable (0.11+) or vim.lsp.start_client.
  local configured = vim.lsp.config and vim.lsp.enable and vim.lsp.config['cc-logs']
  out.branch = (type(configured) == 'table' and configured.cmd ~= nil) and 'config' or 'start_client'
  out.rootUri = client.workspace_folders and client.workspace_folders[1].uri or vim.NIL
  out.references = retry(function()
    return request(contact, 'textDocument/references', vim.tbl_extend('force', at(contact, plan.contact), {
      context = { includeDeclaration = true },
    })) or {}
  end, function(r)
    local files, n = {}, 0
    for _, l in ipairs(r) do
      if not files[l.uri] then
        files[l.uri] = true
        n = n + 1
      end
    end
    return n >= plan.minReferenceFiles
  end)
  -- The hover counts from the index, which may still be building after references (answered by the cold
  -- search) reached every file: ask until it no longer says so.
  out.contactHover = retry(function()
    return hover_text(contact, plan.contact)
  end, function(h)
    return h ~= '' and not h:find('still being built', 1, true)
  end)
  out.definition = request(contact, 'textDocument/definition', at(contact, plan.contact)) or vim.NIL

  -- K: the hover as the user sees it, in a floating window (markdown, highlighted by Neovim's own means).
  vim.api.nvim_win_set_cursor(0, { plan.contact.line + 1, plan.contact.character })
  local main = vim.api.nvim_get_current_win()
  vim.lsp.buf.hover()
  local float
  vim.wait(10000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if w ~= main and vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
    return false
  end, 50)
  out.hoverWindow = float
      and table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
    or vim.NIL
  if float then
    vim.api.nvim_win_close(float, true)
  end
  vim.api.nvim_set_current_win(main)

  local arm = open(plan.arm.path)
  wait_attached(arm)
  out.armHover = hover_text(arm, plan.arm)

  local trace = open(plan.time.path)
  wait_attached(trace)
  out.timeHoverBefore = hover_text(trace, plan.time)

  -- The recipe's helper for workspace/executeCommand: the timeline and the flows of the ID at the cursor.
  out.commands = {}
  for _, command in ipairs(plan.commands) do
    local done = false
    vim.api.nvim_set_current_buf(contact)
    vim.api.nvim_win_set_cursor(0, { plan.contact.line + 1, plan.contact.character })
    CcLogsCommand(command, nil, function(err, result)
      out.commands[command] = { error = err and err.message or vim.NIL, result = result == nil and vim.NIL or result }
      done = true
    end)
    if not vim.wait(20000, function()
      return done
    end, 50) then
      out.commands[command] = { error = 'no answer in 20 s', result = vim.NIL }
    end
  end

  -- The user commands: :CcLogsFlows and :CcLogsTimeline open the answer in a scratch buffer.
  out.shown = {}
  for _, c in ipairs({ { 'CcLogsTimeline', 'ccLogs.timeline' }, { 'CcLogsFlows', 'ccLogs.flows' } }) do
    vim.api.nvim_set_current_buf(contact)
    vim.api.nvim_win_set_cursor(0, { plan.contact.line + 1, plan.contact.character })
    local before = vim.api.nvim_get_current_win()
    vim.cmd(c[1])
    local win
    vim.wait(20000, function()
      for _, w in ipairs(vim.api.nvim_list_wins()) do
        local name = vim.api.nvim_buf_get_name(vim.api.nvim_win_get_buf(w))
        if w ~= before and name:find(c[2], 1, true) then
          win = w
          return true
        end
      end
      return false
    end, 50)
    if win then
      out.shown[c[2]] = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
      vim.api.nvim_win_close(win, true)
    end
    vim.api.nvim_set_current_win(before)
  end

  -- A user changing settings at run time, with the recipe's helper.
  CcLogsSettings(plan.change)
  out.timeHoverAfter = retry(function()
    return hover_text(trace, plan.time)
  end, function(t)
    return t:find(plan.expectAfter, 1, true) ~= nil
  end)
  vim.api.nvim_set_current_buf(contact)
  out.referencesAfter = retry(function()
    return request(contact, 'textDocument/references', vim.tbl_extend('force', at(contact, plan.contact), {
      context = { includeDeclaration = true },
    })) or {}
  end, function(r)
    local kept = false
    for _, l in ipairs(r) do
      if l.uri:find(plan.excludedName, 1, true) then
        return false
      end
      kept = kept or l.uri:find(plan.keptName, 1, true) ~= nil
    end
    return kept
  end)
end

local ok, e = pcall(run)
if not ok then
  note('driver: ' .. tostring(e))
end
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('CC_LOGS_OUT'))
vim.cmd('qa!')
