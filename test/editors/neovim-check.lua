-- Headless check (Neovim 0.7+, vim.lsp.start_client; 0.11's vim.lsp.config takes the same fields): Neovim starts `stylebook lsp`, gets diagnostics and a hover card.
local id = vim.lsp.start_client({
  name = 'stylebook',
  cmd = { 'stylebook', 'lsp' },
  root_dir = os.getenv('STYLEBOOK_EDITOR_WS'),
  init_options = { stylebook = { guideProfile = { 'Zalando' } } },
})
vim.cmd('edit ' .. os.getenv('STYLEBOOK_EDITOR_WS') .. '/pets.yaml')
vim.bo.filetype = 'yaml'
vim.lsp.buf_attach_client(0, id)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do print('DIAG: ' .. d.message) end
vim.wait(1500, function() return false end)
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 10, character = 10 } }, 10000)
for _, r in pairs(res or {}) do
  local v = r.result.contents.value
  print('HOVER: ' .. v:sub(1, 40))
  print('FIRST: ' .. (v:match('\n%- %*%*([^*]+)%*%*') or '?'))
  print('LINK: ' .. (v:match('%[Open the topic page%]%(([^)]+)%)') or '?'))
end
vim.cmd('qa!')
