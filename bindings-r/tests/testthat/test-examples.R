test_that("every documented example runs", {
  topics <- c("grim", "grim_map", "closure")
  for (topic in topics) {
    expect_no_error(utils::example(topic, package = "ferrox", character.only = TRUE, echo = FALSE))
  }
})
