#' GRIM on columns; returns a list of `consistency` and `probability`.
#' @noRd
grim_columns <- function(x, n, items, percent, rounding_name, threshold, symmetric, compat) .Call(wrap__grim_columns, x, n, items, percent, rounding_name, threshold, symmetric, compat)

