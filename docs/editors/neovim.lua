-- Cisco contact-center logs in Neovim: file types for every log format, and the language server
-- started for them with a root folder. Works on Neovim 0.7 to 0.10 (vim.lsp.start_client) and on
-- 0.11+ (vim.lsp.config / vim.lsp.enable). Load it from init.lua with
-- dofile('/path/to/cisco-cc-logs/docs/editors/neovim.lua') (or copy it to ~/.config/nvim/lua/cc-logs.lua
-- and require('cc-logs')), and set the server path below or in the environment variable CC_LOGS_SERVER.
-- Commands: :CcLogsTimeline and :CcLogsFlows (the ID under the cursor), :CcLogsCommand <name>.
local server = os.getenv('CC_LOGS_SERVER') or vim.fn.expand('~/cisco-cc-logs/server/out/server.js')

-- Settings, as in VS Code's `ccLogs.*` (see the README's Settings table).
local settings = {
  ccLogs = {
    zonelessOffset = '+02:00', -- dumplog traces print the PG's local time
    index = { maxTotalGB = 4 },
  },
}

-- 1. File types: one per log format, by file name (patterns match the file's name), then by the
-- first lines for names that say nothing (`pg1a-agent-checks.txt`).
if vim.fn.has('nvim-0.8') == 0 then
  vim.g.do_filetype_lua = 1 -- Neovim 0.7: vim.filetype.add only works with filetype.lua
end

local function by_content(path, bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr or 0, 0, 3, false)
  local first = lines[1] or ''
  if first:match('^%d%d%d%d%-%d%d%-%d%d %d%d:%d%d:%d%d[.,]%d+ [GU][MT][TC][+-][%d:]+ <@> ') then
    return 'cisco-ece'
  end
  local tool = first:match('^%a:\\[^>]*>(%a+)') or first:match('^(%a+)')
  if tool == 'rttest' or tool == 'opctest' or tool == 'procmon' then
    return 'cisco-icm-tools'
  end
  if first:match('^Events from ') or first:match('^%d%d:%d%d:%d%d:?%d* [%w]+%-[%w_]+ ') then
    return 'cisco-icm-trace'
  end
  if first:match('^%d+: %a%a%a +%d+ %d%d:%d%d:%d%d[.%d]* [%u%d+-]+ %%JTAPI%-') then
    return 'cisco-jtapi'
  end
  if first:match('^%d+: %a%a%a +%d+ %d%d:%d%d:%d%d[.%d]* [%u%d+-]+ %%MADM%-') then
    return 'cisco-uccx-admin'
  end
  if first:match('^%d+: %a%a%a +%d+ %d%d:%d%d:%d%d[.%d]* [%u%d+-]+ %%%u[%u%d]+%-') then
    return 'cisco-uccx-engine'
  end
  if first:match('^[%d: ]*[^:%s]*: %a%a%a +%d+ %d%d%d%d %d%d:%d%d:%d%d') then
    return 'cisco-socialminer'
  end
  if first:match('^%a%a%a %a%a%a %d%d %d%d%d%d %d%d:%d%d:%d%d GMT[+-]%d%d%d%d') then
    return 'cisco-chat-console'
  end
  local method = first:match('^%d*%)? ?(%u+) https?://')
  if method == 'GET' or method == 'POST' or method == 'PUT' or method == 'DELETE' or method == 'OPTIONS' then
    return 'cisco-chat-console'
  end
  return nil -- not a log this server knows: Neovim's own rules decide
end

-- Priorities: the more specific name wins (opctest over opc); content last.
local function ft(name, priority)
  return { name, { priority = priority or 10 } }
end
vim.filetype.add({
  pattern = {
    ['Cisco.*MIVR.*%.log'] = ft('cisco-uccx-engine'),
    ['Cisco.*MIVR.*%.log%.gz'] = ft('cisco-uccx-engine'),
    ['Cisco.*MCVD.*%.log'] = ft('cisco-uccx-engine'),
    ['Cisco.*MCLI.*%.log'] = ft('cisco-uccx-engine'),
    ['Cisco.*MARC.*%.log'] = ft('cisco-uccx-engine'),
    ['Cisco.*MEDM.*%.log'] = ft('cisco-uccx-engine'),
    ['Cisco.*MADM.*%.log'] = ft('cisco-uccx-admin'),
    ['Cisco.*MADM.*%.log%.gz'] = ft('cisco-uccx-admin'),
    ['CiscoJtapi.*%.log'] = ft('cisco-jtapi', 20),
    ['CiscoJtapi.*%.log%.gz'] = ft('cisco-jtapi', 20),
    ['CiscoJtapi.*%.txt'] = ft('cisco-jtapi', 20),
    ['CCBU%-.*%.log'] = ft('cisco-socialminer'),
    ['CCBU%-.*%.log%.gz'] = ft('cisco-socialminer'),
    ['Error%-.*%.log'] = ft('cisco-socialminer'),
    ['eg_log_.*%.log'] = ft('cisco-ece'),
    ['eg_log_.*%.log%..*'] = ft('cisco-ece'),
    ['.*rttest.*%.txt'] = ft('cisco-icm-tools', 20),
    ['.*opctest.*%.txt'] = ft('cisco-icm-tools', 20),
    ['.*procmon.*%.txt'] = ft('cisco-icm-tools', 20),
    ['.*rttest.*%.log'] = ft('cisco-icm-tools', 20),
    ['.*opctest.*%.log'] = ft('cisco-icm-tools', 20),
    ['.*ctisvr.*%.txt'] = ft('cisco-icm-trace'),
    ['.*ctisvr.*%.log'] = ft('cisco-icm-trace'),
    ['.*opc.*%.txt'] = ft('cisco-icm-trace'),
    ['.*%-opc.*%.log'] = ft('cisco-icm-trace'),
    ['.*pim.*%.txt'] = ft('cisco-icm-trace'),
    ['.*rtr.*%.txt'] = ft('cisco-icm-trace'),
    ['.*router.*%.txt'] = ft('cisco-icm-trace'),
    ['.*jgw.*%.txt'] = ft('cisco-icm-trace'),
    ['.*mds.*%.txt'] = ft('cisco-icm-trace'),
    ['.*%.ems%.txt'] = ft('cisco-icm-trace'),
    ['console%-export.*%.log'] = ft('cisco-chat-console', 20),
    ['console%-export.*%.txt'] = ft('cisco-chat-console', 20),
    ['.*console.*%.log'] = ft('cisco-chat-console', 5),
    ['.*%.txt'] = { by_content, { priority = 1 } },
    ['.*%.log'] = { by_content, { priority = 1 } },
  },
})

local filetypes = {
  'cisco-uccx-engine',
  'cisco-uccx-admin',
  'cisco-socialminer',
  'cisco-ece',
  'cisco-icm-trace',
  'cisco-icm-tools',
  'cisco-chat-console',
  'cisco-jtapi',
}

-- 2. The root folder the server indexes: the directory Neovim was started in when the log lies
-- below it (cd into the bundle, then open a file), else the log's own folder.
local function root_of(file)
  local cwd = vim.fn.getcwd()
  local home = vim.fn.expand('~')
  if cwd ~= '/' and cwd ~= home and file:sub(1, #cwd + 1) == cwd .. '/' then
    return cwd
  end
  return vim.fn.fnamemodify(file, ':p:h')
end

-- 3. The server.
local config = {
  name = 'cc-logs',
  cmd = { 'node', server, '--stdio' },
  settings = settings,
  -- Settings also go in initializationOptions, for the servers' first moments.
  init_options = { ccLogs = settings.ccLogs },
}

if vim.lsp.config and vim.lsp.enable then
  -- Neovim 0.11+
  vim.lsp.config('cc-logs', vim.tbl_extend('force', config, {
    filetypes = filetypes,
    root_dir = function(bufnr, on_dir)
      on_dir(root_of(vim.api.nvim_buf_get_name(bufnr)))
    end,
  }))
  vim.lsp.enable('cc-logs')
else
  -- Neovim 0.7 to 0.10: one client per root folder, attached to every log buffer under it.
  local clients = {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = filetypes,
    callback = function(args)
      local file = vim.api.nvim_buf_get_name(args.buf)
      if file == '' then
        return
      end
      local root = root_of(file)
      local id = clients[root]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client(vim.tbl_extend('force', config, { root_dir = root }))
        clients[root] = id
      end
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

-- 4. Commands the server runs (workspace/executeCommand): the answer opens in a scratch buffer.
local function cc_logs_client(bufnr)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'cc-logs' })[1]
  end
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == 'cc-logs' then
      return c
    end
  end
end

local function show(title, result)
  local text = type(result) == 'string' and result or vim.fn.json_encode(result == nil and vim.NIL or result)
  vim.cmd('new')
  vim.bo.buftype = 'nofile'
  vim.bo.bufhidden = 'wipe'
  vim.api.nvim_buf_set_name(0, title .. ' ' .. tostring(vim.loop.hrtime()))
  vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(text, '\n'))
  if type(result) ~= 'string' then
    vim.bo.filetype = 'json'
  end
end

-- Runs a server command with the ID under the cursor ({ uri, position }) or the given arguments.
function CcLogsCommand(command, arguments, on_result)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = cc_logs_client(bufnr)
  if not client then
    vim.notify('cc-logs: no log server for this buffer', vim.log.levels.WARN)
    return
  end
  local pos = vim.api.nvim_win_get_cursor(0)
  arguments = arguments
    or { { uri = vim.uri_from_bufnr(bufnr), position = { line = pos[1] - 1, character = pos[2] } } }
  local params = { command = command, arguments = arguments }
  local function handler(err, result)
    if on_result then
      return on_result(err, result)
    end
    if err then
      vim.notify('cc-logs: ' .. command .. ': ' .. tostring(err.message), vim.log.levels.ERROR)
    else
      show(command, result)
    end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, handler, bufnr)
  else
    client.request('workspace/executeCommand', params, handler, bufnr)
  end
end

vim.api.nvim_create_user_command('CcLogsTimeline', function()
  CcLogsCommand('ccLogs.timeline')
end, {})
vim.api.nvim_create_user_command('CcLogsFlows', function()
  CcLogsCommand('ccLogs.flows')
end, {})
vim.api.nvim_create_user_command('CcLogsCommand', function(o)
  CcLogsCommand(o.args)
end, { nargs = 1 })
