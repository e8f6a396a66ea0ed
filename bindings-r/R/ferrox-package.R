#' ferrox: summary-data forensics with exact arithmetic
#'
#' Checks whether reported means, SDs and sample sizes could have come from
#' real data. Start with [grim()] and [grim_map()].
#'
#' @keywords internal
#' @useDynLib ferrox, .registration = TRUE
"_PACKAGE"
