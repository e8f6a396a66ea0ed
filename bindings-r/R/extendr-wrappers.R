#' GRIM on columns; returns a list of `consistency` and `probability`.
#' @noRd
grim_columns <- function(x, n, items, percent, rounding_name, threshold, symmetric, compat) .Call(wrap__grim_columns, x, n, items, percent, rounding_name, threshold, symmetric, compat)

#' CLOSURE: `what` is "count", "exists", "summary", "write" or "samples".
#' @noRd
closure_run <- function(mean, sd, n, scale_min, scale_max, items, rounding_name, threshold, error_mean, error_sd, population, what, stop_after, max_memory_mb, path, progress) .Call(wrap__closure_run, mean, sd, n, scale_min, scale_max, items, rounding_name, threshold, error_mean, error_sd, population, what, stop_after, max_memory_mb, path, progress)

