"""The web app: page set-up and navigation, URL sync, widgets, components, the chart transport, and the domain, staff and meeting pages."""
