"""Pages of consultations: public (`public`), the debate (`debate`), staff (`staff`)."""
