"""HTTP views of proposals, split by who uses them: `public`, `comments`, `staff`."""
