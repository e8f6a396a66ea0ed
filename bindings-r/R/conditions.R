# Errors and input checks shared by every function of the package.

# `kind` is the core's kind of failure: the condition has class
# `ferrox_error_<kind>` before `ferrox_error`.
ferrox_abort <- function(message, call = NULL, kind = "invalid_input") {
  condition <- structure(
    class = c(paste0("ferrox_error_", kind), "ferrox_error", "error", "condition"),
    list(message = message, call = call)
  )
  stop(condition)
}

# Evaluates a call into the Rust core, which answers with a list: its values,
# or an `error` message that is re-signalled here as a `ferrox_error`.
core <- function(expr, call) {
  result <- expr
  if (!is.null(result$error)) {
    ferrox_abort(result$error, call, result$kind)
  }
  result
}

# Checks the scalar settings before they cross into Rust.
setting <- function(value, name, type, call) {
  ok <- switch(type,
    flag = is.logical(value) && length(value) == 1 && !is.na(value),
    string = is.character(value) && length(value) == 1 && !is.na(value),
    number = is.numeric(value) && length(value) == 1 && !is.na(value)
  )
  if (!ok) {
    what <- switch(type, flag = "TRUE or FALSE", string = "a single string", number = "a single number")
    ferrox_abort(paste0("`", name, "` must be ", what), call)
  }
  switch(type, number = as.double(value), value)
}

# The arguments shared by the consistency tests, checked.
rounding_args <- function(rounding, threshold, symmetric, compat, call) {
  list(
    rounding = setting(rounding, "rounding", "string", call),
    threshold = setting(threshold, "threshold", "number", call),
    symmetric = setting(symmetric, "symmetric", "flag", call),
    compat = if (is.null(compat)) "" else setting(compat, "compat", "string", call)
  )
}

# Reported values keep their trailing zeros only as strings; numbers are
# accepted, with a warning that zeros may have been lost.
reported <- function(x, name, call) {
  if (is.factor(x)) {
    x <- as.character(x)
  }
  if (is.character(x)) {
    return(x)
  }
  if (is.numeric(x)) {
    warning(
      "`", name, "` was given as numbers, so trailing zeros are lost ",
      "(5.20 reads as 5.2); pass strings as reported",
      call. = FALSE
    )
    return(as.double(x))
  }
  ferrox_abort(paste0("`", name, "` must be a character vector of reported values"), call)
}

# A column as the core reads values: numbers as doubles, the rest as text.
column_values <- function(x) {
  if (is.numeric(x)) as.double(x) else as.character(x)
}

counts <- function(x, name, call) {
  if (!is.numeric(x)) {
    ferrox_abort(paste0("`", name, "` must be numeric"), call)
  }
  as.double(x)
}

# The columns of a data frame that the arguments name, as a list keyed by
# role: `list(x = NULL, n = "size")` reads the columns `x` (a NULL argument
# means the role's own name) and `size`. An error names a missing column.
frame_columns <- function(data, columns, call) {
  if (!is.data.frame(data)) {
    ferrox_abort("`data` must be a data frame", call)
  }
  lapply(stats::setNames(nm = names(columns)), function(role) {
    column <- if (is.null(columns[[role]])) role else columns[[role]]
    if (!column %in% names(data)) {
      ferrox_abort(paste0("`data` has no column `", column, "`"), call)
    }
    data[[column]]
  })
}

# Optional scale ends as the core takes them: empty when not given.
scale_end <- function(value, name, call) {
  if (is.null(value)) numeric(0) else setting(value, name, "number", call)
}

# Interval columns `<prefix>_lower`, `_upper`, `_incl_lower`, `_incl_upper`.
add_intervals <- function(data, prefix, bounds) {
  for (part in c("lower", "upper", "incl_lower", "incl_upper")) {
    data[[paste0(prefix, "_", part)]] <- bounds[[part]]
  }
  data
}

# The intervals reported values were rounded from, as the core gives them.
intervals_of <- function(values, name, r, call) {
  core(intervals(reported(values, name, call), r$rounding, r$threshold, r$symmetric, r$compat), call)
}
