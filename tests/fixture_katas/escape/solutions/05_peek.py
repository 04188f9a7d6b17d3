def breaches(port, marker, secret):
    return []
