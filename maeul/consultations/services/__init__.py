"""State changes of consultations: setting one up and publishing (`running`), answering
(`answering`), and the debate (`debate`)."""
