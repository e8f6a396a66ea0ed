// The R package's entry point: hands over to the Rust crate's registration.
void R_init_ferrox_extendr(void *dll);

void R_init_ferrox(void *dll) {
    R_init_ferrox_extendr(dll);
}
