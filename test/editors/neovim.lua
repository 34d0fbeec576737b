-- Driven by test/editors/neovim.test.ts: Neovim's own LSP client (0.7 API) started on the
-- language server bin, attached to two files of one node of a two-node cluster. What it sees is
-- written as JSON to $HA_NVIM_OUT. Settings come through `settings` (answered to workspace/configuration)
-- and `init_options`, as an nvim-lspconfig set-up passes them.
local root = os.getenv('HA_NVIM_ROOT')
local server = os.getenv('HA_NVIM_SERVER')
local out = os.getenv('HA_NVIM_OUT')
local result = { diagnostics = {}, completion = {}, definition = {}, cleared = false }

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  -- Keep the first buffer loaded (and attached) while the second one is edited.
  vim.o.hidden = true
  local lb1 = root .. '/lb1/keepalived.conf'
  vim.cmd('edit ' .. vim.fn.fnameescape(lb1))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'keepalived'
  local client_id = vim.lsp.start_client({
    name = 'ha-language-server',
    cmd = { server, '--stdio' },
    root_dir = root,
    settings = { keepalived = { version = '2.2' } },
  })
  result.client = client_id ~= nil
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(list, tostring(d.code or lsp.code))
    end
    return list
  end
  local function has(code)
    for _, c in ipairs(codes()) do
      if c == code then return true end
    end
    return false
  end

  vim.wait(20000, function() return has('vrid-mismatch') end, 50)
  result.diagnostics = codes()

  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 3, character = 6 },
  }, 10000)
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then
      local contents = response.result.contents
      result.hover = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or contents
    end
  end

  -- Completion of a keyword inside vrrp_instance, with the cursor after 'ad' of advert_int.
  responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 5, character = 6 },
  }, 10000)
  result.completion = {}
  for _, response in pairs(responses or {}) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      table.insert(result.completion, item.label)
    end
  end

  -- Go to definition in haproxy.cfg of the same node, attached to the same client: the backend
  -- name after default_backend leads to its section.
  local cfg = root .. '/lb1/haproxy.cfg'
  vim.cmd('edit ' .. vim.fn.fnameescape(cfg))
  local cfgbuf = vim.api.nvim_get_current_buf()
  vim.bo[cfgbuf].filetype = 'haproxy'
  vim.lsp.buf_attach_client(cfgbuf, client_id)
  local line = tonumber(os.getenv('HA_NVIM_DEFINITION_LINE'))
  local character = tonumber(os.getenv('HA_NVIM_DEFINITION_CHARACTER'))
  responses = vim.lsp.buf_request_sync(cfgbuf, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(cfgbuf) },
    position = { line = line, character = character },
  }, 10000)
  result.definition = {}
  for _, response in pairs(responses or {}) do
    local locations = response.result or {}
    if locations.uri or locations.targetUri then locations = { locations } end
    for _, location in ipairs(locations) do
      local range = location.targetSelectionRange or location.range
      table.insert(result.definition, {
        path = vim.uri_to_fname(location.uri or location.targetUri),
        line = range.start.line,
      })
    end
  end

  -- Fix the peer on disk, without opening it: the finding must go on its own.
  local peer = io.open(root .. '/lb2/keepalived.conf', 'w')
  peer:write(os.getenv('HA_NVIM_FIXED_PEER'))
  peer:close()
  result.cleared = vim.wait(20000, function() return not has('vrid-mismatch') end, 50)
end)
if not ok then result.error = tostring(err) end
finish()
