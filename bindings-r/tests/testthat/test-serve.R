test_that("serve() without the program says how to get it", {
  err <- expect_error(serve(cli = "no-such-ferrox"), class = "ferrox_error_unsupported")
  expect_match(conditionMessage(err), "pip install ferrox", fixed = TRUE)
  expect_match(conditionMessage(err), "python -m ferrox serve", fixed = TRUE)
})

test_that("serve() checks its arguments before starting anything", {
  expect_error(serve(port = "eighty"), class = "ferrox_error_invalid_input")
  expect_error(serve(open = NA), class = "ferrox_error_invalid_input")
})
